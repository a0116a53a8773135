package dev.skylog.events;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The envelope fields every event starts with, minted in one place so producers never forget one.
 */
public record EventMetadata(UUID eventId, Instant occurredAt) {

	public static EventMetadata now(Clock clock) {
		return new EventMetadata(UUID.randomUUID(), clock.instant());
	}

	public static EventMetadata now() {
		return now(Clock.systemUTC());
	}

}
