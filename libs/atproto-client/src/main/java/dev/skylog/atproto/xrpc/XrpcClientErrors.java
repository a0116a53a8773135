package dev.skylog.atproto.xrpc;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.springframework.web.reactive.function.client.ClientResponse;
import reactor.core.publisher.Mono;

/** Turns XRPC error responses into {@link XrpcException}s, and names XRPC endpoints. */
public final class XrpcClientErrors {

	private XrpcClientErrors() {
	}

	public static URI xrpc(URI service, String method) {
		return URI.create(service.toString().replaceAll("/+$", "") + "/xrpc/" + method);
	}

	public static Mono<Throwable> toException(String method, ClientResponse response) {
		int status = response.statusCode().value();
		Duration retryAfter = retryAfter(response);
		return response.bodyToMono(XrpcError.class)
			.onErrorResume((ex) -> Mono.empty())
			.defaultIfEmpty(new XrpcError("Unknown", "no XRPC error body"))
			.map((body) -> new XrpcException(method, status, (body.error() != null) ? body.error() : "Unknown",
					body.message(), retryAfter));
	}

	// Bluesky's PDS sends RateLimit-Reset as a Unix time in seconds and no Retry-After; other servers may
	// send the standard header.
	static Duration retryAfter(ClientResponse response) {
		String retryAfter = response.headers().asHttpHeaders().getFirst("Retry-After");
		if (retryAfter != null && retryAfter.matches("\\d+")) {
			return Duration.ofSeconds(Long.parseLong(retryAfter));
		}
		String reset = response.headers().asHttpHeaders().getFirst("RateLimit-Reset");
		if (reset != null && reset.matches("\\d+")) {
			long seconds = Long.parseLong(reset) - Instant.now().getEpochSecond();
			return Duration.ofSeconds(Math.max(1, seconds));
		}
		return (response.statusCode().value() == 429) ? Duration.ofSeconds(60) : null;
	}

}
