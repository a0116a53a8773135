package dev.skylog.events.account;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.skylog.events.Dids;
import dev.skylog.events.EventMetadata;

/** The account left Skylog: every service removes every row it holds for this DID. */
public record AccountDeleted(UUID eventId, int schemaVersion, Instant occurredAt, String did, Reason reason)
		implements AccountEvent {

	public static final int SCHEMA_VERSION = 1;

	public AccountDeleted {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Dids.requireDid(did);
		Objects.requireNonNull(reason, "reason");
	}

	public static AccountDeleted of(EventMetadata meta, String did, Reason reason) {
		return new AccountDeleted(meta.eventId(), SCHEMA_VERSION, meta.occurredAt(), did, reason);
	}

	public enum Reason {

		/** The person deleted their Skylog account. */
		USER_REQUEST,
		/** An administrator removed it. */
		ADMIN,
		/** The Bluesky account itself is gone (deactivated or deleted at its PDS). */
		UPSTREAM_GONE

	}

}
