package dev.skylog.auth.account.domain;

import java.util.Locale;

/** Whether Skylog can act for an account. */
public enum AccountStatus {

	/** Tokens work; syncs run. */
	ACTIVE,
	/** Bluesky refused the refresh token (revoked, expired, logged out): waiting for a new login. */
	REAUTH_REQUIRED,
	/** Being removed. */
	DELETED;

	public String column() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static AccountStatus fromColumn(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
