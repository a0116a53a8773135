package dev.skylog.events.sync;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.skylog.events.Dids;
import dev.skylog.events.EventMetadata;

/**
 * A page of history was fetched and published. Sent after the page's records, so a checkpoint moved by it
 * never points past records that are not on Kafka yet; a first sync killed half way resumes from here.
 */
public record SyncProgress(UUID eventId, int schemaVersion, Instant occurredAt, String did, UUID syncId,
		SyncCheckpoint checkpoint, int postsSoFar, int likesSoFar) implements SyncStatusEvent {

	public static final int SCHEMA_VERSION = 1;

	public SyncProgress {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Dids.requireDid(did);
		Objects.requireNonNull(syncId, "syncId");
		Objects.requireNonNull(checkpoint, "checkpoint");
	}

	public static SyncProgress of(EventMetadata meta, String did, UUID syncId, SyncCheckpoint checkpoint,
			int postsSoFar, int likesSoFar) {
		return new SyncProgress(meta.eventId(), SCHEMA_VERSION, meta.occurredAt(), did, syncId, checkpoint,
				postsSoFar, likesSoFar);
	}

}
