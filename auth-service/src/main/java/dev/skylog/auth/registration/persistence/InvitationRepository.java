package dev.skylog.auth.registration.persistence;

import java.time.Instant;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The {@code invitation} table, by the SHA-256 of each code. */
@Repository
public class InvitationRepository {

	private final DatabaseClient database;

	public InvitationRepository(DatabaseClient database) {
		this.database = database;
	}

	public Mono<Void> create(byte[] codeHash, String createdBy) {
		return this.database.sql("INSERT INTO invitation (code_hash, created_by) VALUES (:hash, :by)")
			.bind("hash", codeHash)
			.bind("by", createdBy)
			.then();
	}

	/** Marks an unused code as used by {@code did}; answers whether there was such a code. */
	public Mono<Boolean> redeem(byte[] codeHash, String did, Instant now) {
		return this.database.sql("""
				UPDATE invitation SET used_by = :did, used_at = :now WHERE code_hash = :hash AND used_by IS NULL
				""")
			.bind("hash", codeHash)
			.bind("did", did)
			.bind("now", now)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows == 1);
	}

}
