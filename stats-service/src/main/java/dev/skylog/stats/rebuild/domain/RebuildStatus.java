package dev.skylog.stats.rebuild.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * Where a rebuild stands. {@code eventsTotal} is what the replayable topics held when it started;
 * {@code progress} is applied over total, 0 to 1.
 */
public record RebuildStatus(UUID rebuildId, State state, Instant startedAt, Instant finishedAt, long eventsApplied,
		long eventsTotal, double progress, String failure) {

	public static final RebuildStatus NEVER = new RebuildStatus(null, State.IDLE, null, null, 0, 0, 0, null);

	public boolean running() {
		return this.state == State.REPLAYING || this.state == State.SWAPPING || this.state == State.CATCHING_UP;
	}

	public enum State {

		/** No rebuild has run since this instance started. */
		IDLE,
		/** Replaying the topics from offset 0 into the shadow schema; the live tables keep serving. */
		REPLAYING,
		/** Renaming the shadow schema into place, in one transaction. */
		SWAPPING,
		/** Applying what arrived during the replay to the new live tables (idempotent next to the listeners). */
		CATCHING_UP,
		COMPLETED,
		FAILED

	}

}
