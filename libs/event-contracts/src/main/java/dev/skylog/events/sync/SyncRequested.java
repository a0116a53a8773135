package dev.skylog.events.sync;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.skylog.events.Dids;
import dev.skylog.events.EventMetadata;
import dev.skylog.events.SkylogEvent;

/**
 * The scheduler leased an account to the fetcher until {@code leaseExpiresAt}. A fetcher that sees the lease
 * already expired drops the request: the scheduler has handed it out again.
 */
public record SyncRequested(UUID eventId, int schemaVersion, Instant occurredAt, String did, UUID syncId,
		Trigger trigger, Instant leaseExpiresAt, SyncCheckpoint checkpoint) implements SkylogEvent {

	public static final int SCHEMA_VERSION = 1;

	public SyncRequested {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Dids.requireDid(did);
		Objects.requireNonNull(syncId, "syncId");
		Objects.requireNonNull(trigger, "trigger");
		Objects.requireNonNull(leaseExpiresAt, "leaseExpiresAt");
		checkpoint = (checkpoint != null) ? checkpoint : SyncCheckpoint.empty();
	}

	public static SyncRequested of(EventMetadata meta, String did, UUID syncId, Trigger trigger,
			Instant leaseExpiresAt, SyncCheckpoint checkpoint) {
		return new SyncRequested(meta.eventId(), SCHEMA_VERSION, meta.occurredAt(), did, syncId, trigger,
				leaseExpiresAt, checkpoint);
	}

	public enum Trigger {

		/** Right after the account linked. */
		LOGIN,
		/** The periodic round. */
		SCHEDULE,
		/** Asked for through the API. */
		MANUAL

	}

}
