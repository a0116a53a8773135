package dev.skylog.events.sync;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.skylog.events.Dids;
import dev.skylog.events.EventMetadata;
import dev.skylog.events.FreeText;

/**
 * A sync gave up. The scheduler backs off on {@code retryable} failures and waits for a new login on
 * {@link Reason#REAUTH_REQUIRED}. {@code detail} is a short human reason, never an upstream body.
 */
public record SyncFailed(UUID eventId, int schemaVersion, Instant occurredAt, String did, UUID syncId,
		Reason reason, String detail, boolean retryable) implements SyncStatusEvent {

	public static final int SCHEMA_VERSION = 1;

	public SyncFailed {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Dids.requireDid(did);
		Objects.requireNonNull(syncId, "syncId");
		Objects.requireNonNull(reason, "reason");
		detail = FreeText.withoutCredentials(detail, 500);
	}

	public static SyncFailed of(EventMetadata meta, String did, UUID syncId, Reason reason, String detail,
			boolean retryable) {
		return new SyncFailed(meta.eventId(), SCHEMA_VERSION, meta.occurredAt(), did, syncId, reason, detail,
				retryable);
	}

	public enum Reason {

		/** Bluesky answered 429 longer than the fetcher was willing to wait. */
		RATE_LIMITED,
		/** The refresh token was revoked or expired: the person must log in again. */
		REAUTH_REQUIRED,
		/** Bluesky timed out, answered 5xx, or the circuit is open. */
		UPSTREAM_UNAVAILABLE,
		/** Bluesky answered something that does not match its lexicon. */
		UPSTREAM_INVALID_RESPONSE,
		/** The account is gone at its PDS. */
		ACCOUNT_GONE,
		/** A bug or an unexpected state in Skylog itself. */
		INTERNAL

	}

}
