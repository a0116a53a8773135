package dev.skylog.auth.account.persistence;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.skylog.auth.account.domain.Account;
import dev.skylog.auth.account.domain.AccountStatus;
import dev.skylog.events.account.AccountSettings;

/** The {@code account} table. */
@Repository
public class AccountRepository {

	private static final String COLUMNS = "did, handle, pds_url, status, access_jwt_sealed, refresh_jwt_sealed, "
			+ "token_key_id, access_expires_at, time_zone, visibility, allow_crawlers, created_at";

	private final DatabaseClient database;

	public AccountRepository(DatabaseClient database) {
		this.database = database;
	}

	public Mono<Account> findByDid(String did) {
		return this.database.sql("SELECT " + COLUMNS + " FROM account WHERE did = :did")
			.bind("did", did)
			.map(AccountRepository::account)
			.one();
	}

	public Mono<Long> count() {
		return this.database.sql("SELECT count(*) FROM account").map((row) -> row.get(0, Long.class)).one();
	}

	/**
	 * Stores a fresh login. Answers true when the account is new to Skylog. A returning account keeps its
	 * settings and becomes active again.
	 */
	public Mono<Boolean> saveLogin(String did, String handle, URI pdsUrl, Account.SealedTokens tokens) {
		return this.database.sql("""
				INSERT INTO account (did, handle, pds_url, status, access_jwt_sealed, refresh_jwt_sealed,
				                     token_key_id, access_expires_at)
				VALUES (:did, :handle, :pds, 'active', :access, :refresh, :keyId, :expiresAt)
				ON CONFLICT (did) DO UPDATE SET handle = EXCLUDED.handle, pds_url = EXCLUDED.pds_url,
				    status = 'active', access_jwt_sealed = EXCLUDED.access_jwt_sealed,
				    refresh_jwt_sealed = EXCLUDED.refresh_jwt_sealed, token_key_id = EXCLUDED.token_key_id,
				    access_expires_at = EXCLUDED.access_expires_at, updated_at = now()
				RETURNING (xmax = 0) AS inserted
				""")
			.bind("did", did)
			.bind("handle", handle)
			.bind("pds", pdsUrl.toString())
			.bind("access", tokens.accessJwt())
			.bind("refresh", tokens.refreshJwt())
			.bind("keyId", tokens.keyId())
			.bind("expiresAt", tokens.accessExpiresAt())
			.map((row) -> Boolean.TRUE.equals(row.get("inserted", Boolean.class)))
			.one();
	}

	public Mono<Void> saveTokens(String did, Account.SealedTokens tokens) {
		return this.database.sql("""
				UPDATE account SET access_jwt_sealed = :access, refresh_jwt_sealed = :refresh,
				    token_key_id = :keyId, access_expires_at = :expiresAt, updated_at = now()
				WHERE did = :did
				""")
			.bind("did", did)
			.bind("access", tokens.accessJwt())
			.bind("refresh", tokens.refreshJwt())
			.bind("keyId", tokens.keyId())
			.bind("expiresAt", tokens.accessExpiresAt())
			.then();
	}

	/** Drops the tokens too: an account that must log in again has none that work. */
	/** Answers whether the account was there (a deletion may have committed in between). */
	public Mono<Boolean> requireReauth(String did) {
		return this.database.sql("""
				UPDATE account SET status = 'reauth_required', access_jwt_sealed = NULL, refresh_jwt_sealed = NULL,
				    token_key_id = NULL, access_expires_at = NULL, updated_at = now()
				WHERE did = :did
				""")
			.bind("did", did)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	/** Answers whether the account was there to change (a deletion may have committed in between). */
	public Mono<Boolean> saveSettings(String did, AccountSettings settings) {
		return this.database.sql("""
				UPDATE account SET time_zone = :zone, visibility = :visibility, allow_crawlers = :crawlers,
				    updated_at = now()
				WHERE did = :did
				""")
			.bind("did", did)
			.bind("zone", settings.timeZone().getId())
			.bind("visibility", settings.visibility().name())
			.bind("crawlers", settings.allowCrawlers())
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	public Mono<Boolean> delete(String did) {
		return this.database.sql("DELETE FROM account WHERE did = :did")
			.bind("did", did)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	/** Accounts whose tokens are sealed under another key than {@code keyId}. */
	public Flux<Account> findSealedUnderOtherKey(String keyId) {
		return this.database.sql("SELECT " + COLUMNS + " FROM account WHERE token_key_id IS NOT NULL AND token_key_id <> :keyId")
			.bind("keyId", keyId)
			.map(AccountRepository::account)
			.all();
	}

	/** Takes the account's refresh lock until the surrounding transaction ends, on whichever replica asks. */
	public Mono<Void> lockForRefresh(String did) {
		return this.database.sql("SELECT pg_advisory_xact_lock(hashtextextended(:did, 0))")
			.bind("did", did)
			.fetch()
			.first()
			.then();
	}

	private static Account account(Readable row) {
		return new Account(row.get("did", String.class), row.get("handle", String.class),
				URI.create(row.get("pds_url", String.class)), AccountStatus.fromColumn(row.get("status", String.class)),
				new Account.SealedTokens(row.get("access_jwt_sealed", byte[].class),
						row.get("refresh_jwt_sealed", byte[].class), row.get("token_key_id", String.class),
						row.get("access_expires_at", Instant.class)),
				new AccountSettings(ZoneId.of(row.get("time_zone", String.class)),
						AccountSettings.ArchiveVisibility.valueOf(row.get("visibility", String.class)),
						Boolean.TRUE.equals(row.get("allow_crawlers", Boolean.class))),
				row.get("created_at", Instant.class));
	}

}
