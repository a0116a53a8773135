package dev.skylog.events.account;

import dev.skylog.events.SkylogEvent;

/** What auth-service announces about an account: the value type of {@code Topics.ACCOUNTS}. */
public sealed interface AccountEvent extends SkylogEvent permits AccountLinked, AccountSettingsChanged,
		AccountReauthRequired, AccountDeleted {

}
