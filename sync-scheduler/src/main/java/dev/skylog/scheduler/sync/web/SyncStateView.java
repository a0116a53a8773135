package dev.skylog.scheduler.sync.web;

import java.time.Instant;
import java.util.Locale;

import dev.skylog.scheduler.sync.domain.SyncState;
import dev.skylog.scheduler.sync.domain.SyncStatus;

/**
 * An account's sync state as anyone may read it. Leaves out the checkpoint's cursors and URIs (how the fetcher
 * pages) and the failure detail (which can name the account's server); keeps what a person wants to know.
 *
 * @param status {@code idle}, {@code in_flight}, {@code backing_off} or {@code reauth_required}
 * @param nextSyncAt when the next regular (or retried) sync is due; {@code null} while a sync is in flight or the
 * account waits for a login
 * @param inFlightUntil when the lease of the sync in flight runs out; {@code null} unless in flight
 * @param newestPostAt Bluesky's sort time of the newest post collected
 * @param currentSync what the sync in flight (or the last one) has fetched
 * @param postsFetched posts collected for this account since it was linked
 */
public record SyncStateView(String did, String status, Instant nextSyncAt, Instant inFlightUntil,
		Instant lastRequestedAt, String lastTrigger, Instant lastCompletedAt, Instant lastFailedAt,
		String lastOutcome, String lastFailureReason, int consecutiveFailures, Instant newestPostAt,
		Counts currentSync, long postsFetched, long likesFetched) {

	static SyncStateView of(SyncState state, Instant now) {
		SyncStatus status = state.status(now);
		boolean scheduled = status == SyncStatus.IDLE || status == SyncStatus.BACKING_OFF;
		return new SyncStateView(state.did(), status.wireName(), scheduled ? state.dueAt() : null,
				(status == SyncStatus.IN_FLIGHT) ? state.leaseExpiresAt() : null, state.lastRequestedAt(),
				(state.lastTrigger() != null) ? state.lastTrigger().name().toLowerCase(Locale.ROOT) : null,
				state.lastCompletedAt(), state.lastFailedAt(),
				(state.lastOutcome() != null) ? state.lastOutcome().column() : null,
				(state.lastFailureReason() != null) ? state.lastFailureReason().name() : null,
				state.consecutiveFailures(), state.checkpoint().newestPostSortAt(),
				new Counts(state.syncPosts(), state.syncLikes()), state.postsFetched(), state.likesFetched());
	}

	/** Posts and likes fetched by one sync. */
	public record Counts(int posts, int likes) {

	}

}
