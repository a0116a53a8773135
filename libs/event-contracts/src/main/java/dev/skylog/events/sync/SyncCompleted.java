package dev.skylog.events.sync;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.skylog.events.Dids;
import dev.skylog.events.EventMetadata;

/** A sync finished: the checkpoint is the new starting point and the lease is released. */
public record SyncCompleted(UUID eventId, int schemaVersion, Instant occurredAt, String did, UUID syncId,
		SyncCheckpoint checkpoint, int postsFetched, int likesFetched, int requests) implements SyncStatusEvent {

	public static final int SCHEMA_VERSION = 1;

	public SyncCompleted {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Dids.requireDid(did);
		Objects.requireNonNull(syncId, "syncId");
		Objects.requireNonNull(checkpoint, "checkpoint");
	}

	public static SyncCompleted of(EventMetadata meta, String did, UUID syncId, SyncCheckpoint checkpoint,
			int postsFetched, int likesFetched, int requests) {
		return new SyncCompleted(meta.eventId(), SCHEMA_VERSION, meta.occurredAt(), did, syncId, checkpoint,
				postsFetched, likesFetched, requests);
	}

}
