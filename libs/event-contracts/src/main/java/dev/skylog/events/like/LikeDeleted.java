package dev.skylog.events.like;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.skylog.events.Dids;
import dev.skylog.events.EventMetadata;

/** The account took a like back. */
public record LikeDeleted(UUID eventId, int schemaVersion, Instant occurredAt, String did, String uri)
		implements LikeEvent {

	public static final int SCHEMA_VERSION = 1;

	public LikeDeleted {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Dids.requireDid(did);
		Dids.requireAtUri(uri);
	}

	public static LikeDeleted of(EventMetadata meta, String did, String uri) {
		return new LikeDeleted(meta.eventId(), SCHEMA_VERSION, meta.occurredAt(), did, uri);
	}

	@Override
	public boolean removesRecord() {
		return true;
	}

}
