package dev.skylog.archive.account.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Which public archives crawlers must stay out of: the owner turned crawling off, or the account carries
 * Bluesky's {@code !no-unauthenticated} label (it asked not to be shown to logged-out viewers). The gateway
 * writes these into {@code robots.txt}. Private archives are left out: they answer 404 to crawlers anyway, and
 * listing them would disclose them.
 */
@RestController
@Tag(name = "Archive", description = "An account's archive")
public class CrawlerController {

	private final DatabaseClient database;

	public CrawlerController(DatabaseClient database) {
		this.database = database;
	}

	@GetMapping("/api/archive/crawler-exclusions")
	@Operation(summary = "Handles of public archives crawlers must not index, for robots.txt")
	Mono<CrawlerExclusions> exclusions() {
		return this.database.sql("""
				SELECT DISTINCT coalesce(p.handle, a.handle) AS handle
				FROM account_settings a LEFT JOIN profile p ON p.did = a.did
				WHERE a.visibility = 'PUBLIC' AND coalesce(p.handle, a.handle) IS NOT NULL
				  AND (NOT a.allow_crawlers OR '!no-unauthenticated' = ANY(p.labels))
				ORDER BY 1
				""")
			.map((row) -> row.get("handle", String.class))
			.all()
			.collectList()
			.map(CrawlerExclusions::new);
	}

	/** @param handles archives at {@code /{handle}} crawlers must not visit */
	public record CrawlerExclusions(List<String> handles) {
	}

}
