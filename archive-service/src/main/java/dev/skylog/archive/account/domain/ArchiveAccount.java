package dev.skylog.archive.account.domain;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import dev.skylog.events.account.AccountSettings.ArchiveVisibility;

/** An account the archive knows, with what decides who may read it and which day a post belongs to. */
public record ArchiveAccount(String did, String handle, ZoneId timeZone, ArchiveVisibility visibility,
		boolean allowCrawlers) {

	public boolean readableBy(Viewer viewer) {
		return this.visibility == ArchiveVisibility.PUBLIC || viewer.owns(this);
	}

	/** Midnight starting {@code date} in the account's time zone: a day's posts are from here to the next one. */
	public ZonedDateTime startOf(LocalDate date) {
		return date.atStartOfDay(this.timeZone);
	}

	public LocalDate today(java.time.Clock clock) {
		return LocalDate.now(clock.withZone(this.timeZone));
	}

}
