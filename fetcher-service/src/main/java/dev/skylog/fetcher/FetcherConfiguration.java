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
		// A page of 100 feed items with their reply parents and roots is often 300–600 KB: well over WebClient's
		// default 256 KB buffer.
		return new AtprotoClient(builder.clone().codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 << 20)),
				properties.timeout());
	}

}
