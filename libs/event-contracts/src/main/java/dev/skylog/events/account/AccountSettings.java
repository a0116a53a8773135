package dev.skylog.events.account;

import java.time.ZoneId;
import java.util.Objects;

/**
 * How an account wants its archive shown. The time zone decides which day a post belongs to in the archive
 * and the statistics, so it travels with the account rather than being guessed from the browser.
 */
public record AccountSettings(ZoneId timeZone, ArchiveVisibility visibility, boolean allowCrawlers) {

	public AccountSettings {
		Objects.requireNonNull(timeZone, "timeZone");
		Objects.requireNonNull(visibility, "visibility");
	}

	public static AccountSettings defaults() {
		return new AccountSettings(ZoneId.of("UTC"), ArchiveVisibility.PUBLIC, true);
	}

	public enum ArchiveVisibility {

		/** Anyone may read the archive. */
		PUBLIC,
		/** Only the account itself may read it. */
		PRIVATE

	}

}
