package dev.skylog.events.account;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.skylog.events.Dids;
import dev.skylog.events.EventMetadata;

/**
 * A person logged in to Skylog with their Bluesky account (first time, or again after a re-login). The
 * scheduler requests a sync on it. Deliberately carries where the account lives, never how to get in.
 */
public record AccountLinked(UUID eventId, int schemaVersion, Instant occurredAt, String did, String handle, URI pdsUrl,
		boolean firstLink, AccountSettings settings) implements AccountEvent {

	public static final int SCHEMA_VERSION = 1;

	public AccountLinked {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Dids.requireDid(did);
		Objects.requireNonNull(handle, "handle");
		Objects.requireNonNull(pdsUrl, "pdsUrl");
		Objects.requireNonNull(settings, "settings");
	}

	public static AccountLinked of(EventMetadata meta, String did, String handle, URI pdsUrl, boolean firstLink,
			AccountSettings settings) {
		return new AccountLinked(meta.eventId(), SCHEMA_VERSION, meta.occurredAt(), did, handle, pdsUrl, firstLink,
				settings);
	}

}
