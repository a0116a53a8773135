package dev.skylog.gateway.robots;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * {@code robots.txt}: the API and every account's likes are never crawled, and neither are the archives whose
 * owners turned crawling off or whose account carries Bluesky's {@code !no-unauthenticated} label (the list comes
 * from archive-service, cached for five minutes). If the archive cannot say, nothing may be crawled: a missed
 * opt-out is worse than a missed visit.
 */
@RestController
public class RobotsController {

	private static final Logger logger = LoggerFactory.getLogger(RobotsController.class);

	static final Duration CACHED_FOR = Duration.ofMinutes(5);

	private final Mono<String> robots;

	public RobotsController(WebClient.Builder webClient, @Value("${skylog.services.archive-url}") String archiveUrl) {
		WebClient archive = webClient.baseUrl(archiveUrl).build();
		this.robots = archive.get()
			.uri("/api/archive/crawler-exclusions")
			.retrieve()
			.bodyToMono(Exclusions.class)
			.timeout(Duration.ofSeconds(5))
			.map((exclusions) -> rules(exclusions.handles()))
			.cache((text) -> CACHED_FOR, (ex) -> Duration.ZERO, () -> Duration.ZERO)
			.onErrorResume((ex) -> {
				logger.warn("robots.txt: archive-service did not list its exclusions, disallowing all: {}",
						ex.toString());
				return Mono.just("User-agent: *\nDisallow: /\n");
			});
	}

	@GetMapping(value = "/robots.txt", produces = MediaType.TEXT_PLAIN_VALUE)
	Mono<ResponseEntity<String>> robots() {
		return this.robots.map((text) -> ResponseEntity.ok().cacheControl(CacheControl.maxAge(CACHED_FOR)).body(text));
	}

	static String rules(List<String> handles) {
		StringBuilder text = new StringBuilder("User-agent: *\nDisallow: /api/\nDisallow: /*/likes\n");
		for (String handle : handles) {
			// Handles are DNS names: nothing in them can break out of the line.
			if (handle.matches("[A-Za-z0-9.-]{1,253}")) {
				text.append("Disallow: /").append(handle).append('\n');
			}
		}
		return text.toString();
	}

	record Exclusions(List<String> handles) {
	}

}
