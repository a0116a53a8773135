package dev.skylog.scheduler.sync.domain;

import java.time.Instant;

import dev.skylog.events.sync.SyncRequested;

/** What came of asking for one account's sync now. */
public sealed interface RequestOutcome {

	/** The account was leased and the fetcher asked. */
	record Requested(SyncRequested request) implements RequestOutcome {

	}

	/** A sync is running already, with its lease until {@code leaseExpiresAt}. */
	record InFlight(Instant leaseExpiresAt) implements RequestOutcome {

	}

	/** The account cannot sync until the person logs in again. */
	record WaitingForLogin() implements RequestOutcome {

	}

	/** No such account here (never linked, or deleted). */
	record UnknownAccount() implements RequestOutcome {

	}

}
