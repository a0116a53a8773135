package dev.skylog.scheduler.sync.domain;

import java.util.Locale;

/** How an account's last sync ended. */
public enum SyncOutcome {

	COMPLETED, FAILED;

	public String column() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static SyncOutcome fromColumn(String value) {
		return (value != null) ? valueOf(value.toUpperCase(Locale.ROOT)) : null;
	}

}
