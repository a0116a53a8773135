package dev.skylog.scheduler.sync.domain;

import java.util.Locale;

/** What an account's sync is doing, as the API shows it. */
public enum SyncStatus {

	/** Waiting for its next regular sync. */
	IDLE,
	/** A sync was requested and its lease has not expired. */
	IN_FLIGHT,
	/** The last sync failed; the next waits out the backoff. */
	BACKING_OFF,
	/** Bluesky no longer accepts the account's session: nothing happens until the person logs in again. */
	REAUTH_REQUIRED;

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
