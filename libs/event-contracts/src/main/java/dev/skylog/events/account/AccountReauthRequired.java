package dev.skylog.events.account;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.skylog.events.Dids;
import dev.skylog.events.EventMetadata;
import dev.skylog.events.FreeText;

/**
 * Bluesky refused the account's refresh token (revoked, or expired): Skylog cannot act for it until the person
 * logs in again, which announces {@link AccountLinked} anew. The scheduler stops requesting syncs meanwhile.
 */
public record AccountReauthRequired(UUID eventId, int schemaVersion, Instant occurredAt, String did, String reason)
		implements AccountEvent {

	public static final int SCHEMA_VERSION = 1;

	public AccountReauthRequired {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Dids.requireDid(did);
		reason = FreeText.withoutCredentials(reason, 500);
	}

	public static AccountReauthRequired of(EventMetadata meta, String did, String reason) {
		return new AccountReauthRequired(meta.eventId(), SCHEMA_VERSION, meta.occurredAt(), did, reason);
	}

}
