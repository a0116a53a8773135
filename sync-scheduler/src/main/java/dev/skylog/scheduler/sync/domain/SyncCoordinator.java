package dev.skylog.scheduler.sync.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.skylog.events.account.AccountDeleted;
import dev.skylog.events.account.AccountLinked;
import dev.skylog.events.account.AccountReauthRequired;
import dev.skylog.events.sync.SyncCompleted;
import dev.skylog.events.sync.SyncFailed;
import dev.skylog.events.sync.SyncProgress;
import dev.skylog.events.sync.SyncRequested;
import dev.skylog.scheduler.sync.events.SyncRequestAnnouncements;
import dev.skylog.scheduler.sync.persistence.SyncStateRepository;

/**
 * Moves accounts' sync state on what auth-service and the fetcher report, and leases accounts to the fetcher:
 * right after a login, when they are due, and on request.
 *
 * <p>A lease is taken in the database before its SyncRequested is sent. If the send fails the lease is given
 * back so the next round asks again; if the scheduler dies in between, the lease simply runs out.
 */
@Component
public class SyncCoordinator {

	private static final Logger logger = LoggerFactory.getLogger(SyncCoordinator.class);

	private final SyncStateRepository states;

	private final SyncRequestAnnouncements announcements;

	private final SyncMetrics metrics;

	private final SyncProperties properties;

	private final RetryBackoff backoff;

	private final TransactionalOperator transactions;

	private final Clock clock;

	public SyncCoordinator(SyncStateRepository states, SyncRequestAnnouncements announcements, SyncMetrics metrics,
			SyncProperties properties, ReactiveTransactionManager transactionManager, Clock clock) {
		this.states = states;
		this.announcements = announcements;
		this.metrics = metrics;
		this.properties = properties;
		this.backoff = new RetryBackoff(properties.backoff(), () -> ThreadLocalRandom.current().nextDouble());
		this.transactions = TransactionalOperator.create(transactionManager);
		this.clock = clock;
	}

	/** A login: the account may sync again, and syncs now unless a sync is running already. */
	public Mono<Void> linked(AccountLinked event) {
		return this.states.linked(event.did(), event.occurredAt(), this.clock.instant())
			.flatMap((applied) -> applied ? request(event.did(), SyncRequested.Trigger.LOGIN).then() : Mono.empty());
	}

	public Mono<Void> reauthRequired(AccountReauthRequired event) {
		return this.states.reauthRequired(event.did(), event.occurredAt(), this.clock.instant()).then();
	}

	public Mono<Void> deleted(AccountDeleted event) {
		return this.states.delete(event.did(), event.occurredAt()).then();
	}

	public Mono<Void> progress(SyncProgress event) {
		Instant now = this.clock.instant();
		return this.states
			.progress(event.did(), event.syncId(), event.checkpoint(), event.postsSoFar(), event.likesSoFar(), now,
					now.plus(this.properties.lease()))
			.doOnNext((applied) -> staleUnless(applied, event.getClass().getSimpleName(), event.did()))
			.then();
	}

	public Mono<Void> completed(SyncCompleted event) {
		Instant now = this.clock.instant();
		return this.states
			.completed(event.did(), event.syncId(), event.checkpoint(), event.postsFetched(), event.likesFetched(),
					now, now.plus(this.properties.interval()))
			.doOnNext((applied) -> {
				if (applied) {
					this.metrics.completed();
				}
				staleUnless(applied, event.getClass().getSimpleName(), event.did());
			})
			.then();
	}

	/**
	 * Backs off exponentially on failures retrying can fix, waits the longest backoff on the others, and parks
	 * the account until its next login when it cannot log in. The row stays locked from reading the failure count
	 * to writing the next due time, so two deliveries of one report cannot both count.
	 */
	public Mono<Void> failed(SyncFailed event) {
		Instant now = this.clock.instant();
		boolean reauth = event.reason() == SyncFailed.Reason.REAUTH_REQUIRED;
		Mono<Boolean> record = this.states.lockLease(event.did(), event.syncId()).flatMap((failures) -> {
			int consecutive = failures + 1;
			Duration wait = event.retryable() ? this.backoff.after(consecutive) : this.backoff.afterPermanentFailure();
			return this.states.failed(event.did(), event.syncId(), event.reason(), event.detail(), consecutive, reauth,
					now, now.plus(wait));
		}).defaultIfEmpty(false);
		return this.transactions.transactional(record).doOnNext((applied) -> {
			if (applied) {
				this.metrics.failed(event.reason());
				logger.info("Sync of {} failed ({}{}): {}", event.did(), event.reason(),
						event.retryable() ? ", will retry" : "", event.detail());
			}
			staleUnless(applied, event.getClass().getSimpleName(), event.did());
		}).then();
	}

	/** Leases one account now, whether it is due or not, and asks the fetcher to sync it. */
	public Mono<RequestOutcome> request(String did, SyncRequested.Trigger trigger) {
		Instant now = this.clock.instant();
		return this.states.claim(did, now, now.plus(this.properties.lease()), trigger)
			.flatMap((lease) -> send(lease, trigger))
			.<RequestOutcome>map(RequestOutcome.Requested::new)
			.switchIfEmpty(Mono.defer(() -> this.states.findByDid(did)
				.<RequestOutcome>map((state) -> state.reauthRequired() ? new RequestOutcome.WaitingForLogin()
						: new RequestOutcome.InFlight(state.leaseExpiresAt()))
				.defaultIfEmpty(new RequestOutcome.UnknownAccount())));
	}

	/**
	 * One scheduling round: leases due accounts batch by batch and requests their syncs. Answers how many were
	 * requested. Stops early when a request could not be sent, so a Kafka outage does not spin on the same
	 * accounts; the next round tries again.
	 */
	public Mono<Long> round() {
		return this.states.counts(this.clock.instant())
			.doOnNext((counts) -> this.metrics.accountsDue(counts.due()))
			.then(claimBatches())
			.flatMap((requested) -> this.states.counts(this.clock.instant()).map((counts) -> {
				this.metrics.accountsInFlight(counts.inFlight());
				this.metrics.accountsWaitingForLogin(counts.reauthRequired());
				return requested;
			}));
	}

	private Mono<Long> claimBatches() {
		Instant now = this.clock.instant();
		int batchSize = this.properties.claimBatchSize();
		return this.states.claimDue(now, now.plus(this.properties.lease()), batchSize, SyncRequested.Trigger.SCHEDULE)
			.collectList()
			.flatMap((leases) -> sendAll(leases).flatMap((sent) -> (leases.size() == batchSize && sent == batchSize)
					? claimBatches().map((more) -> sent + more) : Mono.just(sent)));
	}

	private Mono<Long> sendAll(List<SyncLease> leases) {
		return Flux.fromIterable(leases)
			.flatMap((lease) -> send(lease, SyncRequested.Trigger.SCHEDULE).onErrorResume((ex) -> {
				logger.warn("Could not request the sync of {}; the next round asks again: {}", lease.did(),
						ex.toString());
				return Mono.empty();
			}))
			.count();
	}

	private Mono<SyncRequested> send(SyncLease lease, SyncRequested.Trigger trigger) {
		if (lease.expiredLeaseId() != null) {
			this.metrics.leaseExpired();
			logger.warn("Sync {} of {} ran out of its lease without a report; requesting it again",
					lease.expiredLeaseId(), lease.did());
		}
		return this.announcements.requested(lease, trigger)
			.doOnNext((request) -> {
				this.metrics.requested(trigger);
				logger.debug("Requested sync {} of {} ({})", lease.syncId(), lease.did(), trigger);
			})
			.onErrorResume((ex) -> this.states.release(lease.did(), lease.syncId(), this.clock.instant())
				.onErrorResume((releaseFailure) -> Mono.just(false))
				.then(Mono.error(ex)));
	}

	private void staleUnless(boolean applied, String event, String did) {
		if (!applied) {
			this.metrics.staleReport(event);
			logger.debug("{} for {} is not about its current sync; ignored", event, did);
		}
	}

}
