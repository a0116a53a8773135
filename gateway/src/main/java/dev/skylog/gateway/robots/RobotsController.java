package dev.skylog.gateway.robots;

import java.util.Collection;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code robots.txt}: the API and every account's likes are never crawled, and neither are the archives
 * {@link CrawlerExclusions} lists; if that list is unknown, nothing may be crawled.
 */
@RestController
public class RobotsController {

	private final CrawlerExclusions exclusions;

	public RobotsController(CrawlerExclusions exclusions) {
		this.exclusions = exclusions;
	}

	@GetMapping(value = "/robots.txt", produces = MediaType.TEXT_PLAIN_VALUE)
	Mono<ResponseEntity<String>> robots() {
		return this.exclusions.handles()
			.map((known) -> known.map(RobotsController::rules).orElse("User-agent: *\nDisallow: /\n"))
			.map((text) -> ResponseEntity.ok().cacheControl(CacheControl.maxAge(CrawlerExclusions.CACHED_FOR)).body(text));
	}

	static String rules(Collection<String> handles) {
		StringBuilder text = new StringBuilder("User-agent: *\nDisallow: /api/\nDisallow: /*/likes\n");
		for (String handle : handles.stream().sorted().toList()) {
			// Handles are DNS names: nothing in them can break out of the line.
			if (handle.matches("[A-Za-z0-9.-]{1,253}")) {
				text.append("Disallow: /").append(handle).append('\n');
			}
		}
		return text.toString();
	}

}
