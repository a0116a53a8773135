package dev.skylog.events.account;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.skylog.events.Dids;
import dev.skylog.events.EventMetadata;

/** The account changed its privacy, time zone or crawler setting; carries the whole new state. */
public record AccountSettingsChanged(UUID eventId, int schemaVersion, Instant occurredAt, String did,
		AccountSettings settings) implements AccountEvent {

	public static final int SCHEMA_VERSION = 1;

	public AccountSettingsChanged {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Dids.requireDid(did);
		Objects.requireNonNull(settings, "settings");
	}

	public static AccountSettingsChanged of(EventMetadata meta, String did, AccountSettings settings) {
		return new AccountSettingsChanged(meta.eventId(), SCHEMA_VERSION, meta.occurredAt(), did, settings);
	}

}
