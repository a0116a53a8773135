package dev.skylog.events.post;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.skylog.events.Dids;
import dev.skylog.events.EventMetadata;

/** A post or repost the account deleted on Bluesky; consumers remove it and subtract it from statistics. */
public record PostDeleted(UUID eventId, int schemaVersion, Instant occurredAt, String did, String uri)
		implements PostEvent {

	public static final int SCHEMA_VERSION = 1;

	public PostDeleted {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Dids.requireDid(did);
		Dids.requireAtUri(uri);
	}

	public static PostDeleted of(EventMetadata meta, String did, String uri) {
		return new PostDeleted(meta.eventId(), SCHEMA_VERSION, meta.occurredAt(), did, uri);
	}

	@Override
	public boolean removesRecord() {
		return true;
	}

}
