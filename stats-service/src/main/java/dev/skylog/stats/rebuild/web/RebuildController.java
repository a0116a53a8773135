package dev.skylog.stats.rebuild.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.skylog.stats.rebuild.domain.RebuildStatus;
import dev.skylog.stats.rebuild.domain.StatsRebuild;
import dev.skylog.stats.web.StatsProblem;
import dev.skylog.web.session.BearerSessions;

/** Administrators rebuild every statistic from the event log and watch it happen. */
@RestController
@RequestMapping("/api/stats/admin/rebuild")
@Tag(name = "Statistics rebuild", description = "Replay the event log into fresh statistics (administrators)")
public class RebuildController {

	private final StatsRebuild rebuild;

	public RebuildController(StatsRebuild rebuild) {
		this.rebuild = rebuild;
	}

	@PostMapping
	@Operation(summary = "Start a rebuild (202), or 409 while one runs anywhere")
	Mono<ResponseEntity<RebuildStatus>> start(@AuthenticationPrincipal Jwt session) {
		requireAdmin(session);
		// Taking the cross-instance lock blocks on a database round trip: not on an event-loop thread.
		return Mono.fromCallable(this.rebuild::start)
			.subscribeOn(Schedulers.boundedElastic())
			.map((status) -> ResponseEntity.status(HttpStatus.ACCEPTED).body(status));
	}

	@GetMapping
	@Operation(summary = "The current or last rebuild of this instance")
	RebuildStatus status(@AuthenticationPrincipal Jwt session) {
		requireAdmin(session);
		return this.rebuild.status();
	}

	private static void requireAdmin(Jwt session) {
		if (!BearerSessions.hasScope(session, "admin")) {
			throw StatsProblem.adminOnly();
		}
	}

}
