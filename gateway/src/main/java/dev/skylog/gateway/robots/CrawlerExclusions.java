package dev.skylog.gateway.robots;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The archives search engines must leave alone: their owners turned crawling off, or their account carries
 * Bluesky's {@code !no-unauthenticated} label. The list comes from archive-service and is cached for five
 * minutes; when the archive cannot say, every archive counts as excluded (a missed opt-out is worse than a
 * missed visit).
 */
@Component
public class CrawlerExclusions {

	private static final Logger logger = LoggerFactory.getLogger(CrawlerExclusions.class);

	static final Duration CACHED_FOR = Duration.ofMinutes(5);

	private final Mono<Optional<Set<String>>> handles;

	public CrawlerExclusions(WebClient.Builder webClient, @Value("${skylog.services.archive-url}") String archiveUrl) {
		WebClient archive = webClient.baseUrl(archiveUrl).build();
		this.handles = archive.get()
			.uri("/api/archive/crawler-exclusions")
			.retrieve()
			.bodyToMono(Exclusions.class)
			.timeout(Duration.ofSeconds(5))
			.map((exclusions) -> Optional.<Set<String>>of(Set.copyOf(exclusions.handles())))
			.cache((known) -> CACHED_FOR, (ex) -> Duration.ZERO, () -> Duration.ZERO)
			.onErrorResume((ex) -> {
				logger.warn("archive-service did not list its crawler exclusions, excluding every archive: {}",
						ex.toString());
				return Mono.just(Optional.empty());
			});
	}

	/** The excluded handles, or empty when archive-service could not say (then everything is excluded). */
	public Mono<Optional<Set<String>>> handles() {
		return this.handles;
	}

	public Mono<Boolean> excludes(String handle) {
		return this.handles.map((known) -> known.map((set) -> set.contains(handle)).orElse(true));
	}

	record Exclusions(List<String> handles) {
	}

}
