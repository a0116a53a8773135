package dev.skylog.fetcher;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

import dev.skylog.atproto.AtprotoClient;
import dev.skylog.fetcher.bluesky.BlueskyProperties;

@Configuration(proxyBeanMethods = false)
class FetcherConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	AtprotoClient atprotoClient(WebClient.Builder builder, BlueskyProperties properties) {
		return new AtprotoClient(builder, properties.timeout());
	}

}
