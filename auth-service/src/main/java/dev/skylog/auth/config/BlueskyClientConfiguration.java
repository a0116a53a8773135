package dev.skylog.auth.config;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import dev.skylog.atproto.AtprotoClient;
import dev.skylog.atproto.identity.IdentityResolver;
import dev.skylog.auth.identity.IdentityProperties;

/** The clients auth-service talks to Bluesky with, and the clock everything expiring is measured by. */
@Configuration(proxyBeanMethods = false)
public class BlueskyClientConfiguration {

	/** Counts calls per XRPC method and outcome: {@code skylog_bluesky_requests_total}. */
	public static final String REQUESTS_METER = "skylog.bluesky.requests";

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	AtprotoClient atprotoClient(WebClient.Builder builder, IdentityProperties properties, MeterRegistry meters) {
		return new AtprotoClient(builder.clone().filter(countRequests(meters)), properties.timeout());
	}

	@Bean
	IdentityResolver identityResolver(WebClient.Builder builder, IdentityProperties properties, MeterRegistry meters) {
		return new IdentityResolver(builder.clone().filter(countRequests(meters)), properties.settings());
	}

	private static ExchangeFilterFunction countRequests(MeterRegistry meters) {
		return (request, next) -> next.exchange(request)
			.doOnNext((response) -> count(meters, request, Integer.toString(response.statusCode().value())))
			.onErrorResume((ex) -> {
				count(meters, request, "IO_ERROR");
				return Mono.error(ex);
			});
	}

	private static void count(MeterRegistry meters, ClientRequest request, String status) {
		String path = request.url().getPath();
		String method = path.startsWith("/xrpc/") ? path.substring("/xrpc/".length()) : "other";
		meters.counter(REQUESTS_METER, "method", method, "status", status).increment();
	}

}
