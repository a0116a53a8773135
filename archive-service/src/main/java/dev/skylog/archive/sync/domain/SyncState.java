package dev.skylog.archive.sync.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * What the archive last heard of an account's sync, for "collecting your history… n posts so far". The
 * scheduler owns sync state; this is the archive's read-only copy from the sync-status topic.
 */
public record SyncState(UUID syncId, State state, int postsSoFar, int likesSoFar, String failureReason,
		Instant lastCompletedAt, Instant updatedAt) {

	public enum State {

		RUNNING, COMPLETED, FAILED

	}

}
