package dev.skylog.fetcher.sync;

import java.time.Clock;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.skylog.atproto.xrpc.XrpcException;
import dev.skylog.events.EventMetadata;
import dev.skylog.events.Topics;
import dev.skylog.events.kafka.EventPublisher;
import dev.skylog.events.sync.SyncCheckpoint;
import dev.skylog.events.sync.SyncFailed;
import dev.skylog.events.sync.SyncRequested;
import dev.skylog.fetcher.bluesky.BlueskyCalls;
import dev.skylog.fetcher.bluesky.BlueskyProperties;
import dev.skylog.fetcher.bluesky.InvalidResponseException;
import dev.skylog.fetcher.token.AccessTokenClient;
import dev.skylog.fetcher.token.AccessTokenClient.TokenUnavailableException;

/**
 * Runs the syncs the scheduler requests. The record is acknowledged when the sync ended, either way: a sync
 * that failed is reported (SyncFailed, with a reason class the scheduler backs off on), never redelivered to
 * fail again. A fetcher killed in the middle leaves the request unacknowledged, so another instance (or this
 * one, started again) takes it over and goes on from the last SyncProgress the dead one reported
 * ({@link SyncProgressLog}).
 */
@Component
public class SyncRequestListener {

	private static final Logger logger = LoggerFactory.getLogger(SyncRequestListener.class);

	// Lexicon error names that say the account itself is gone or barred: retrying will not bring it back.
	private static final java.util.Set<String> ACCOUNT_GONE_ERRORS = java.util.Set.of("AccountTakedown",
			"AccountDeactivated", "RepoNotFound", "RepoTakendown", "RepoSuspended", "RepoDeactivated");

	private final BlueskyCalls bluesky;

	private final AccessTokenClient tokens;

	private final EventPublisher publisher;

	private final SyncProperties properties;

	private final BlueskyProperties blueskyProperties;

	private final MeterRegistry meters;

	private final Clock clock;

	private final SyncProgressLog progressLog;

	public SyncRequestListener(BlueskyCalls bluesky, AccessTokenClient tokens, EventPublisher publisher,
			SyncProperties properties, BlueskyProperties blueskyProperties, MeterRegistry meters, Clock clock,
			SyncProgressLog progressLog) {
		this.bluesky = bluesky;
		this.tokens = tokens;
		this.publisher = publisher;
		this.properties = properties;
		this.blueskyProperties = blueskyProperties;
		this.meters = meters;
		this.clock = clock;
		this.progressLog = progressLog;
	}

	@KafkaListener(id = "fetcher-sync-requests", idIsGroup = false, topics = Topics.Names.SYNC_REQUESTS)
	void onSyncRequested(SyncRequested request) {
		if (request.leaseExpiresAt().isBefore(this.clock.instant())) {
			// The scheduler has handed this account out again by now; working on it would race the new lease.
			this.meters.counter("skylog.fetcher.syncs", "outcome", "lease_expired").increment();
			return;
		}
		SyncCheckpoint resumeFrom = this.progressLog.resumeFrom(request).orElse(null);
		if (resumeFrom == null) {
			this.meters.counter("skylog.fetcher.syncs", "outcome", "already_ended").increment();
			return;
		}
		if (!resumeFrom.equals(request.checkpoint())) {
			logger.info("Resuming sync {} of {} from its last reported progress", request.syncId(), request.did());
		}
		sync(new SyncRequested(request.eventId(), request.schemaVersion(), request.occurredAt(), request.did(),
				request.syncId(), request.trigger(), request.leaseExpiresAt(), resumeFrom))
			.block();
	}

	Mono<Void> sync(SyncRequested request) {
		SyncJob job = new SyncJob(request, this.bluesky, this.tokens, this.publisher, this.properties,
				this.blueskyProperties.pageSize(), this.clock);
		Timer.Sample timer = Timer.start(this.meters);
		return job.run()
			.timeout(this.properties.maxDuration())
			.flatMap((completed) -> Mono.fromFuture(() -> this.publisher.publish(Topics.SYNC_STATUS, completed))
				.doOnSuccess((sent) -> {
					record(timer, "completed");
					this.meters.counter("skylog.fetcher.posts.fetched").increment(completed.postsFetched());
					this.meters.counter("skylog.fetcher.likes.fetched").increment(completed.likesFetched());
					logger.info("Synced {}: {} posts, {} likes in {} requests", request.did(), completed.postsFetched(),
							completed.likesFetched(), completed.requests());
				}))
			.then()
			.onErrorResume((ex) -> {
				SyncFailed failed = failure(request, ex);
				record(timer, "failed_" + failed.reason().name().toLowerCase(java.util.Locale.ROOT));
				logger.warn("Sync of {} failed: {} ({})", request.did(), failed.reason(), failed.detail());
				return Mono.fromFuture(() -> this.publisher.publish(Topics.SYNC_STATUS, failed)).then();
			});
	}

	private SyncFailed failure(SyncRequested request, Throwable ex) {
		SyncFailed.Reason reason;
		boolean retryable = true;
		String detail;
		if (ex instanceof TokenUnavailableException token) {
			reason = token.reauthRequired() ? SyncFailed.Reason.REAUTH_REQUIRED
					: token.accountGone() ? SyncFailed.Reason.ACCOUNT_GONE
					: token.rateLimited() ? SyncFailed.Reason.RATE_LIMITED : SyncFailed.Reason.UPSTREAM_UNAVAILABLE;
			retryable = !token.reauthRequired() && !token.accountGone();
			detail = token.getMessage();
		}
		else if (ex instanceof XrpcException xrpc && ACCOUNT_GONE_ERRORS.contains(xrpc.error())) {
			reason = SyncFailed.Reason.ACCOUNT_GONE;
			retryable = false;
			detail = xrpc.method() + " answered " + xrpc.error();
		}
		else if (ex instanceof XrpcException xrpc) {
			reason = xrpc.isRateLimited() ? SyncFailed.Reason.RATE_LIMITED
					: (xrpc.status() >= 500) ? SyncFailed.Reason.UPSTREAM_UNAVAILABLE
					: xrpc.isAccessTokenRejected() ? SyncFailed.Reason.REAUTH_REQUIRED
					: SyncFailed.Reason.UPSTREAM_INVALID_RESPONSE;
			detail = xrpc.method() + " answered " + xrpc.status() + " " + xrpc.error();
		}
		else if (ex instanceof InvalidResponseException || ex instanceof tools.jackson.core.JacksonException
				|| ex instanceof org.springframework.core.codec.DecodingException) {
			reason = SyncFailed.Reason.UPSTREAM_INVALID_RESPONSE;
			detail = "Bluesky answered something unreadable: " + ex.getMessage();
		}
		else if (ex instanceof CallNotPermittedException || ex instanceof TimeoutException
				|| BlueskyCalls.isTransient(ex)) {
			reason = SyncFailed.Reason.UPSTREAM_UNAVAILABLE;
			detail = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		}
		else {
			reason = SyncFailed.Reason.INTERNAL;
			detail = ex.getClass().getSimpleName() + ": " + ex.getMessage();
			logger.error("Sync of {} failed unexpectedly", request.did(), ex);
		}
		return SyncFailed.of(EventMetadata.now(this.clock), request.did(), request.syncId(), reason, detail, retryable);
	}

	private void record(Timer.Sample timer, String outcome) {
		timer.stop(this.meters.timer("skylog.fetcher.sync.duration", "outcome", outcome));
		this.meters.counter("skylog.fetcher.syncs", "outcome", outcome).increment();
	}

}
