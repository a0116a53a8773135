package dev.skylog.scheduler.sync.web;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import dev.skylog.events.Dids;
import dev.skylog.events.sync.SyncRequested;
import dev.skylog.scheduler.sync.domain.RequestOutcome;
import dev.skylog.scheduler.sync.domain.SyncCoordinator;
import dev.skylog.scheduler.sync.persistence.SyncStateRepository;
import dev.skylog.scheduler.web.SyncProblem;
import dev.skylog.web.session.BearerSessions;

/** An account's sync: anyone may look, the account itself or an administrator may ask for one now. */
@RestController
@RequestMapping("/api/sync")
public class SyncController {

	private static final Logger logger = LoggerFactory.getLogger(SyncController.class);

	private final SyncStateRepository states;

	private final SyncCoordinator coordinator;

	private final Clock clock;

	public SyncController(SyncStateRepository states, SyncCoordinator coordinator, Clock clock) {
		this.states = states;
		this.coordinator = coordinator;
		this.clock = clock;
	}

	@GetMapping("/{did}")
	Mono<SyncStateView> state(@PathVariable String did) {
		requireDid(did);
		return this.states.findByDid(did)
			.map((state) -> SyncStateView.of(state, this.clock.instant()))
			.switchIfEmpty(Mono.error(() -> SyncProblem.accountNotFound(did)));
	}

	/** The original design's {@code --did}: sync this account now, unless it is syncing already. */
	@PostMapping("/{did}")
	Mono<ResponseEntity<SyncRequestView>> request(@PathVariable String did, @AuthenticationPrincipal Jwt jwt) {
		requireDid(did);
		if (!did.equals(jwt.getSubject()) && !BearerSessions.hasScope(jwt, "admin")) {
			throw SyncProblem.notAllowed();
		}
		return this.coordinator.request(did, SyncRequested.Trigger.MANUAL)
			.onErrorMap((ex) -> !(ex instanceof SyncProblem), (ex) -> {
				logger.warn("Manual sync of {} could not be requested: {}", did, ex.toString());
				return SyncProblem.unavailable();
			})
			.map((outcome) -> switch (outcome) {
				case RequestOutcome.Requested requested ->
					ResponseEntity.status(HttpStatus.ACCEPTED).body(SyncRequestView.of(requested.request()));
				case RequestOutcome.InFlight inFlight -> throw SyncProblem.inFlight(did,
						(inFlight.leaseExpiresAt() != null)
								? Duration.between(this.clock.instant(), inFlight.leaseExpiresAt()) : null);
				case RequestOutcome.WaitingForLogin waiting -> throw SyncProblem.reauthRequired(did);
				case RequestOutcome.UnknownAccount unknown -> throw SyncProblem.accountNotFound(did);
			});
	}

	private static void requireDid(String did) {
		if (!Dids.isDid(did)) {
			throw SyncProblem.invalidDid();
		}
	}

}
