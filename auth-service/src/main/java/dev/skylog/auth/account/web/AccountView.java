package dev.skylog.auth.account.web;

import java.time.Instant;

import dev.skylog.auth.account.domain.Account;
import dev.skylog.auth.account.domain.AccountStatus;

/** {@code GET /api/auth/me}: who is logged in, and whether Skylog can still fetch for them. */
public record AccountView(String did, String handle, String pdsUrl, String status, boolean needsLogin,
		SettingsView settings, boolean admin, Instant createdAt) {

	static AccountView of(Account account, boolean admin) {
		return new AccountView(account.did(), account.handle(), account.pdsUrl().toString(),
				account.status().column(), account.status() != AccountStatus.ACTIVE,
				SettingsView.of(account.settings()), admin, account.createdAt());
	}

}
