package dev.skylog.archive.account.persistence;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import dev.skylog.archive.account.domain.ArchiveAccount;
import dev.skylog.events.account.AccountSettings;
import dev.skylog.events.account.AccountSettings.ArchiveVisibility;

/** Per-account settings, and the removal of everything the archive holds of an account. */
@Repository
public class AccountData {

	private static final String SELECT_ACCOUNT = """
			SELECT did, handle, time_zone, visibility, allow_crawlers FROM account_settings
			""";

	private final DatabaseClient database;

	public AccountData(DatabaseClient database) {
		this.database = database;
	}

	/**
	 * {@code handle} is null when the event does not carry one: the known handle stays. Handles and settings are
	 * dated by the event that carried them, not by when it was applied: an older event arriving late (or again)
	 * changes nothing, and a replay leaves the same rows.
	 */
	public Mono<Void> saveSettings(String did, String handle, Instant seenAt, AccountSettings settings) {
		return this.database.sql("""
				INSERT INTO account_settings (did, handle, handle_seen_at, time_zone, visibility, allow_crawlers,
				    settings_at)
				VALUES (:did, :handle, :seenAt, :zone, :visibility, :crawlers, :seenAt)
				ON CONFLICT (did) DO UPDATE SET
				    handle = CASE WHEN EXCLUDED.handle IS NULL OR account_settings.handle_seen_at > EXCLUDED.handle_seen_at
				        THEN account_settings.handle ELSE EXCLUDED.handle END,
				    handle_seen_at = CASE WHEN EXCLUDED.handle IS NULL THEN account_settings.handle_seen_at
				        ELSE GREATEST(account_settings.handle_seen_at, EXCLUDED.handle_seen_at) END,
				    time_zone = CASE WHEN EXCLUDED.settings_at >= account_settings.settings_at THEN EXCLUDED.time_zone
				        ELSE account_settings.time_zone END,
				    visibility = CASE WHEN EXCLUDED.settings_at >= account_settings.settings_at THEN EXCLUDED.visibility
				        ELSE account_settings.visibility END,
				    allow_crawlers = CASE WHEN EXCLUDED.settings_at >= account_settings.settings_at
				        THEN EXCLUDED.allow_crawlers ELSE account_settings.allow_crawlers END,
				    settings_at = GREATEST(account_settings.settings_at, EXCLUDED.settings_at)
				""")
			.bind("did", did)
			.bind("handle", Parameter.fromOrEmpty(handle, String.class))
			.bind("seenAt", seenAt.atOffset(ZoneOffset.UTC))
			.bind("zone", settings.timeZone().getId())
			.bind("visibility", settings.visibility().name())
			.bind("crawlers", settings.allowCrawlers())
			.then();
	}

	public Mono<ArchiveAccount> findByDid(String did) {
		return this.database.sql(SELECT_ACCOUNT + "WHERE did = :did").bind("did", did).map(AccountData::account).one();
	}

	/** Handles move between accounts; the account that most recently showed it wins. */
	public Mono<ArchiveAccount> findByHandle(String handle) {
		return this.database
			.sql(SELECT_ACCOUNT + "WHERE lower(handle) = lower(:handle) ORDER BY handle_seen_at DESC LIMIT 1")
			.bind("handle", handle)
			.map(AccountData::account)
			.first();
	}

	/**
	 * Everything of the account dated at or before its deletion. Posts, likes and profiles travel on other topics
	 * than the deletion: one fetched after it (by a sync of a new login) may have been applied first, and stays.
	 */
	public Mono<Void> deleteEverything(String did, Instant deletedAt) {
		// One after the other: a transaction's statements share one connection.
		return delete("DELETE FROM post WHERE did = :did AND event_at <= :at", did, deletedAt)
			.then(delete("DELETE FROM liked_post WHERE did = :did AND event_at <= :at", did, deletedAt))
			.then(delete("DELETE FROM record_tombstone WHERE did = :did AND deleted_at <= :at", did, deletedAt))
			.then(delete("DELETE FROM profile WHERE did = :did AND event_at <= :at", did, deletedAt))
			.then(delete("DELETE FROM account_sync WHERE did = :did", did, null))
			.then(delete("DELETE FROM account_settings WHERE did = :did", did, null));
	}

	private Mono<Void> delete(String sql, String did, Instant at) {
		DatabaseClient.GenericExecuteSpec statement = this.database.sql(sql).bind("did", did);
		return ((at != null) ? statement.bind("at", at.atOffset(ZoneOffset.UTC)) : statement).then();
	}

	private static ArchiveAccount account(Readable row) {
		return new ArchiveAccount(row.get("did", String.class), row.get("handle", String.class),
				ZoneId.of(row.get("time_zone", String.class)),
				ArchiveVisibility.valueOf(row.get("visibility", String.class)),
				Boolean.TRUE.equals(row.get("allow_crawlers", Boolean.class)));
	}

}
