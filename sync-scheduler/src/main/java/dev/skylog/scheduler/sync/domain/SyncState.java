package dev.skylog.scheduler.sync.domain;

import java.time.Instant;
import java.util.UUID;

import dev.skylog.events.sync.SyncCheckpoint;
import dev.skylog.events.sync.SyncFailed;
import dev.skylog.events.sync.SyncRequested;

/**
 * One account's sync state. A sync is in flight while it holds an unexpired lease: a fetcher that dies leaves a
 * lease that runs out, never a flag that stays set.
 *
 * @param leaseId the {@code syncId} of the sync requested last, until it reports its end; {@code null} when none
 * @param syncPosts posts reported by the sync in flight, or by the last one
 * @param postsFetched posts fetched by every sync of this account so far
 */
public record SyncState(String did, Instant dueAt, UUID leaseId, Instant leaseExpiresAt, SyncCheckpoint checkpoint,
		int consecutiveFailures, SyncOutcome lastOutcome, SyncFailed.Reason lastFailureReason,
		String lastFailureDetail, Instant lastCompletedAt, Instant lastFailedAt, Instant lastRequestedAt,
		SyncRequested.Trigger lastTrigger, Instant lastProgressAt, boolean reauthRequired, int syncPosts,
		int syncLikes, long postsFetched, long likesFetched) {

	public boolean inFlight(Instant now) {
		return this.leaseId != null && this.leaseExpiresAt != null && this.leaseExpiresAt.isAfter(now);
	}

	public SyncStatus status(Instant now) {
		if (this.reauthRequired) {
			return SyncStatus.REAUTH_REQUIRED;
		}
		if (inFlight(now)) {
			return SyncStatus.IN_FLIGHT;
		}
		return (this.consecutiveFailures > 0) ? SyncStatus.BACKING_OFF : SyncStatus.IDLE;
	}

}
