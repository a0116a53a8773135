package dev.skylog.auth.session.persistence;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The {@code web_session} table: refresh-cookie sessions, by the SHA-256 of the cookie. */
@Repository
public class WebSessionRepository {

	private final DatabaseClient database;

	public WebSessionRepository(DatabaseClient database) {
		this.database = database;
	}

	public Mono<Void> create(UUID id, String did, byte[] refreshHash, Instant expiresAt) {
		return this.database
			.sql("INSERT INTO web_session (id, did, refresh_hash, expires_at) VALUES (:id, :did, :hash, :expiresAt)")
			.bind("id", id)
			.bind("did", did)
			.bind("hash", refreshHash)
			.bind("expiresAt", expiresAt)
			.then();
	}

	/**
	 * Swaps the refresh secret of a live session for a new one in one statement, so a cookie can be used once
	 * only: a stolen copy used after its owner refreshed finds nothing.
	 */
	public Mono<ActiveSession> rotate(byte[] oldHash, byte[] newHash, Instant now, Instant newExpiresAt) {
		return this.database.sql("""
				UPDATE web_session SET refresh_hash = :newHash, expires_at = :expiresAt
				WHERE refresh_hash = :oldHash AND revoked_at IS NULL AND expires_at > :now
				RETURNING id, did
				""")
			.bind("newHash", newHash)
			.bind("oldHash", oldHash)
			.bind("now", now)
			.bind("expiresAt", newExpiresAt)
			.map((row) -> new ActiveSession(row.get("id", UUID.class), row.get("did", String.class)))
			.one();
	}

	public Mono<ActiveSession> revokeByHash(byte[] hash, Instant now) {
		return this.database.sql("""
				UPDATE web_session SET revoked_at = :now WHERE refresh_hash = :hash AND revoked_at IS NULL
				RETURNING id, did
				""")
			.bind("hash", hash)
			.bind("now", now)
			.map((row) -> new ActiveSession(row.get("id", UUID.class), row.get("did", String.class)))
			.one();
	}

	public Mono<Void> revoke(UUID id, Instant now) {
		return this.database.sql("UPDATE web_session SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
			.bind("id", id)
			.bind("now", now)
			.then();
	}

	public Mono<Boolean> isActive(UUID id, Instant now) {
		return this.database.sql("SELECT 1 FROM web_session WHERE id = :id AND revoked_at IS NULL AND expires_at > :now")
			.bind("id", id)
			.bind("now", now)
			.fetch()
			.first()
			.hasElement();
	}

	/** A session a refresh cookie belongs to. */
	public record ActiveSession(UUID id, String did) {

	}

}
