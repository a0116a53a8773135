package dev.skylog.auth.account.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.skylog.events.account.AccountSettings;

/**
 * An account's settings, as read and written through the API.
 *
 * @param timeZone an IANA zone id: which day a post belongs to in the archive and statistics
 * @param visibility {@code PUBLIC} or {@code PRIVATE} (owner only)
 * @param allowCrawlers false asks search engines not to index the archive
 */
public record SettingsView(@NotBlank @Size(max = 64) String timeZone,
		@NotNull AccountSettings.ArchiveVisibility visibility, boolean allowCrawlers) {

	static SettingsView of(AccountSettings settings) {
		return new SettingsView(settings.timeZone().getId(), settings.visibility(), settings.allowCrawlers());
	}

}
