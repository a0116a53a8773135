package dev.skylog.stats.account.domain;

import java.time.ZoneId;

/** An account statistics are kept for, with what decides who may see them and which day a post is on. */
public record StatsAccount(String did, String handle, ZoneId timeZone, boolean isPrivate) {

	public boolean readableBy(String viewerDid) {
		return !this.isPrivate || this.did.equals(viewerDid);
	}

}
