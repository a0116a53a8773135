package dev.skylog.archive.account.persistence;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import dev.skylog.events.account.AccountSettings;

/** Per-account settings, and the removal of everything the archive holds of an account. */
@Repository
public class AccountData {

	private final DatabaseClient database;

	public AccountData(DatabaseClient database) {
		this.database = database;
	}

	public Mono<Void> saveSettings(String did, AccountSettings settings) {
		return this.database.sql("""
				INSERT INTO account_settings (did, time_zone, visibility, allow_crawlers)
				VALUES (:did, :zone, :visibility, :crawlers)
				ON CONFLICT (did) DO UPDATE SET time_zone = EXCLUDED.time_zone, visibility = EXCLUDED.visibility,
				    allow_crawlers = EXCLUDED.allow_crawlers
				""")
			.bind("did", did)
			.bind("zone", settings.timeZone().getId())
			.bind("visibility", settings.visibility().name())
			.bind("crawlers", settings.allowCrawlers())
			.then();
	}

	public Mono<Void> deleteEverything(String did) {
		// One after the other: a transaction's statements share one connection.
		return delete("DELETE FROM post WHERE did = :did", did)
			.then(delete("DELETE FROM liked_post WHERE did = :did", did))
			.then(delete("DELETE FROM profile WHERE did = :did", did))
			.then(delete("DELETE FROM account_settings WHERE did = :did", did));
	}

	private Mono<Void> delete(String sql, String did) {
		return this.database.sql(sql).bind("did", did).then();
	}

}
