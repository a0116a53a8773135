package dev.skylog.scheduler.sync.persistence;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.skylog.events.sync.SyncCheckpoint;
import dev.skylog.events.sync.SyncFailed;
import dev.skylog.events.sync.SyncRequested;
import dev.skylog.scheduler.sync.domain.SyncLease;
import dev.skylog.scheduler.sync.domain.SyncOutcome;
import dev.skylog.scheduler.sync.domain.SyncState;

/**
 * The {@code sync_state} table. Every time is a parameter taken from the application's clock, never the
 * database's {@code now()}: leases, due times and the tests that move the clock agree on one time.
 *
 * <p>Reports of the fetcher change a row only while they carry its current lease ({@code lease_id = :syncId}):
 * a report of a sync whose lease was given away, or one delivered twice, finds no row and changes nothing.
 */
@Repository
public class SyncStateRepository {

	private static final String COLUMNS = "did, due_at, lease_id, lease_expires_at, checkpoint::text AS checkpoint, "
			+ "consecutive_failures, last_outcome, last_failure_reason, last_failure_detail, last_completed_at, "
			+ "last_failed_at, last_requested_at, last_trigger, last_progress_at, reauth_required, sync_posts, "
			+ "sync_likes, posts_fetched, likes_fetched";

	// An account is claimable when it is due, nobody holds an unexpired lease on it and it can log in.
	private static final String CLAIMABLE = "NOT reauth_required AND (lease_expires_at IS NULL OR lease_expires_at <= :now)";

	private final DatabaseClient database;

	public SyncStateRepository(DatabaseClient database) {
		this.database = database;
	}

	public Mono<SyncState> findByDid(String did) {
		return this.database.sql("SELECT " + COLUMNS + " FROM sync_state WHERE did = :did")
			.bind("did", did)
			.map(SyncStateRepository::state)
			.one();
	}

	/**
	 * Records a login: the account may sync again and is due now. Answers false when an AccountLinked at least as
	 * new was applied already (a redelivery, or a replay of the topic), which must not request another sync.
	 */
	public Mono<Boolean> linked(String did, Instant linkedAt, Instant now) {
		return this.database.sql("""
				INSERT INTO sync_state (did, due_at, linked_at, created_at, updated_at)
				VALUES (:did, :now, :linkedAt, :now, :now)
				ON CONFLICT (did) DO UPDATE SET reauth_required = FALSE, consecutive_failures = 0,
				    due_at = EXCLUDED.due_at, linked_at = EXCLUDED.linked_at, updated_at = EXCLUDED.updated_at
				WHERE sync_state.linked_at IS NULL OR sync_state.linked_at < EXCLUDED.linked_at
				RETURNING did
				""")
			.bind("did", did)
			.bind("linkedAt", linkedAt)
			.bind("now", now)
			.fetch()
			.first()
			.hasElement();
	}

	/**
	 * Parks the account until its next login and gives up its lease, so the fetcher's report of a sync that
	 * cannot log in any more changes nothing. An event older than the last login is stale and ignored.
	 */
	public Mono<Boolean> reauthRequired(String did, Instant occurredAt, Instant now) {
		return this.database.sql("""
				UPDATE sync_state SET reauth_required = TRUE, lease_id = NULL, lease_expires_at = NULL, updated_at = :now
				WHERE did = :did AND (linked_at IS NULL OR linked_at <= :occurredAt)
				""")
			.bind("did", did)
			.bind("occurredAt", occurredAt)
			.bind("now", now)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	/** Forgets the account, unless it logged in again after the deletion (a redelivered old AccountDeleted). */
	public Mono<Boolean> delete(String did, Instant occurredAt) {
		return this.database.sql("DELETE FROM sync_state WHERE did = :did AND (linked_at IS NULL OR linked_at <= :occurredAt)")
			.bind("did", did)
			.bind("occurredAt", occurredAt)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	/**
	 * Leases up to {@code limit} due accounts in one statement. {@code FOR UPDATE SKIP LOCKED} makes concurrent
	 * rounds (several replicas) take disjoint sets: a row another transaction is claiming is skipped, and a row it
	 * claimed and committed in the meantime fails the re-checked condition, so no account is handed out twice.
	 */
	public Flux<SyncLease> claimDue(Instant now, Instant leaseExpiresAt, int limit, SyncRequested.Trigger trigger) {
		return this.database.sql("""
				UPDATE sync_state AS s
				SET lease_id = gen_random_uuid(), lease_expires_at = :leaseExpiresAt, last_requested_at = :now,
				    last_trigger = :trigger, sync_posts = 0, sync_likes = 0, updated_at = :now
				FROM (SELECT did, lease_id AS previous_lease_id FROM sync_state
				      WHERE due_at <= :now AND %s
				      ORDER BY due_at
				      LIMIT :limit
				      FOR UPDATE SKIP LOCKED) AS due
				WHERE s.did = due.did
				RETURNING s.did, s.lease_id, s.lease_expires_at, s.checkpoint::text AS checkpoint, due.previous_lease_id
				""".formatted(CLAIMABLE))
			.bind("now", now)
			.bind("leaseExpiresAt", leaseExpiresAt)
			.bind("trigger", trigger.name())
			.bind("limit", limit)
			.map(SyncStateRepository::lease)
			.all();
	}

	/**
	 * Leases one account now, whether it is due or not (a login, a request through the API). Empty when it is
	 * unknown, in flight or waiting for a login. The row lock serialises this with a round claiming the same
	 * account: whichever comes second finds the lease taken.
	 */
	public Mono<SyncLease> claim(String did, Instant now, Instant leaseExpiresAt, SyncRequested.Trigger trigger) {
		return this.database.sql("""
				UPDATE sync_state AS s
				SET lease_id = gen_random_uuid(), lease_expires_at = :leaseExpiresAt, last_requested_at = :now,
				    last_trigger = :trigger, sync_posts = 0, sync_likes = 0, updated_at = :now
				FROM (SELECT did, lease_id AS previous_lease_id FROM sync_state WHERE did = :did FOR UPDATE) AS one
				WHERE s.did = one.did AND NOT s.reauth_required
				    AND (s.lease_expires_at IS NULL OR s.lease_expires_at <= :now)
				RETURNING s.did, s.lease_id, s.lease_expires_at, s.checkpoint::text AS checkpoint, one.previous_lease_id
				""")
			.bind("did", did)
			.bind("now", now)
			.bind("leaseExpiresAt", leaseExpiresAt)
			.bind("trigger", trigger.name())
			.map(SyncStateRepository::lease)
			.one();
	}

	/** Gives a lease back unused (its SyncRequested could not be sent), so the next round requests again. */
	public Mono<Boolean> release(String did, UUID syncId, Instant now) {
		return this.database.sql("""
				UPDATE sync_state SET lease_id = NULL, lease_expires_at = NULL, updated_at = :now
				WHERE did = :did AND lease_id = :syncId
				""")
			.bind("did", did)
			.bind("syncId", syncId)
			.bind("now", now)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	/** Moves the checkpoint of the sync in flight and keeps its lease alive until {@code leaseExpiresAt}. */
	public Mono<Boolean> progress(String did, UUID syncId, SyncCheckpoint checkpoint, int posts, int likes,
			Instant now, Instant leaseExpiresAt) {
		return this.database.sql("""
				UPDATE sync_state SET checkpoint = CAST(:checkpoint AS jsonb), sync_posts = :posts, sync_likes = :likes,
				    last_progress_at = :now, lease_expires_at = GREATEST(lease_expires_at, :leaseExpiresAt),
				    updated_at = :now
				WHERE did = :did AND lease_id = :syncId
				""")
			.bind("did", did)
			.bind("syncId", syncId)
			.bind("checkpoint", CheckpointJson.write(checkpoint))
			.bind("posts", posts)
			.bind("likes", likes)
			.bind("now", now)
			.bind("leaseExpiresAt", leaseExpiresAt)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	/** Ends the sync in flight successfully: new checkpoint, lease released, failures forgotten. */
	public Mono<Boolean> completed(String did, UUID syncId, SyncCheckpoint checkpoint, int posts, int likes,
			Instant now, Instant nextDueAt) {
		return this.database.sql("""
				UPDATE sync_state SET checkpoint = CAST(:checkpoint AS jsonb), lease_id = NULL, lease_expires_at = NULL,
				    consecutive_failures = 0, last_outcome = :outcome, last_failure_reason = NULL,
				    last_failure_detail = NULL, last_completed_at = :now, due_at = :dueAt, sync_posts = :posts,
				    sync_likes = :likes, posts_fetched = posts_fetched + :posts, likes_fetched = likes_fetched + :likes,
				    updated_at = :now
				WHERE did = :did AND lease_id = :syncId
				""")
			.bind("did", did)
			.bind("syncId", syncId)
			.bind("checkpoint", CheckpointJson.write(checkpoint))
			.bind("outcome", SyncOutcome.COMPLETED.column())
			.bind("posts", posts)
			.bind("likes", likes)
			.bind("now", now)
			.bind("dueAt", nextDueAt)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	/**
	 * Locks the row of the sync in flight and answers its failures so far, for the backoff of a failure recorded
	 * in the same transaction; empty when {@code syncId} is not the current lease.
	 */
	public Mono<Integer> lockLease(String did, UUID syncId) {
		return this.database.sql("SELECT consecutive_failures FROM sync_state WHERE did = :did AND lease_id = :syncId FOR UPDATE")
			.bind("did", did)
			.bind("syncId", syncId)
			.map((row) -> row.get("consecutive_failures", Integer.class))
			.one();
	}

	/**
	 * Ends the sync in flight as failed. What it fetched before failing was published and its checkpoint stored
	 * by SyncProgress, so it counts towards the account's totals.
	 */
	public Mono<Boolean> failed(String did, UUID syncId, SyncFailed.Reason reason, String detail, int failures,
			boolean reauthRequired, Instant now, Instant nextDueAt) {
		return this.database.sql("""
				UPDATE sync_state SET lease_id = NULL, lease_expires_at = NULL, consecutive_failures = :failures,
				    last_outcome = :outcome, last_failure_reason = :reason, last_failure_detail = :detail,
				    last_failed_at = :now, due_at = :dueAt, reauth_required = reauth_required OR :reauth,
				    posts_fetched = posts_fetched + sync_posts, likes_fetched = likes_fetched + sync_likes,
				    updated_at = :now
				WHERE did = :did AND lease_id = :syncId
				""")
			.bind("did", did)
			.bind("syncId", syncId)
			.bind("failures", failures)
			.bind("outcome", SyncOutcome.FAILED.column())
			.bind("reason", reason.name())
			.bind("detail", (detail != null) ? detail : "")
			.bind("reauth", reauthRequired)
			.bind("now", now)
			.bind("dueAt", nextDueAt)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	/** How many accounts are due and not leased, in flight, and waiting for a login. */
	public Mono<Counts> counts(Instant now) {
		return this.database.sql("""
				SELECT count(*) FILTER (WHERE due_at <= :now AND %s) AS due,
				       count(*) FILTER (WHERE lease_expires_at > :now) AS in_flight,
				       count(*) FILTER (WHERE reauth_required) AS reauth_required
				FROM sync_state
				""".formatted(CLAIMABLE))
			.bind("now", now)
			.map((row) -> new Counts(longValue(row, "due"), longValue(row, "in_flight"),
					longValue(row, "reauth_required")))
			.one();
	}

	private static long longValue(Readable row, String column) {
		Long value = row.get(column, Long.class);
		return (value != null) ? value : 0;
	}

	private static SyncLease lease(Readable row) {
		return new SyncLease(row.get("did", String.class), row.get("lease_id", UUID.class),
				row.get("lease_expires_at", Instant.class), CheckpointJson.read(row.get("checkpoint", String.class)),
				row.get("previous_lease_id", UUID.class));
	}

	private static SyncState state(Readable row) {
		String reason = row.get("last_failure_reason", String.class);
		String trigger = row.get("last_trigger", String.class);
		return new SyncState(row.get("did", String.class), row.get("due_at", Instant.class),
				row.get("lease_id", UUID.class), row.get("lease_expires_at", Instant.class),
				CheckpointJson.read(row.get("checkpoint", String.class)),
				row.get("consecutive_failures", Integer.class),
				SyncOutcome.fromColumn(row.get("last_outcome", String.class)),
				(reason != null) ? SyncFailed.Reason.valueOf(reason) : null, row.get("last_failure_detail", String.class),
				row.get("last_completed_at", Instant.class), row.get("last_failed_at", Instant.class),
				row.get("last_requested_at", Instant.class),
				(trigger != null) ? SyncRequested.Trigger.valueOf(trigger) : null,
				row.get("last_progress_at", Instant.class), Boolean.TRUE.equals(row.get("reauth_required", Boolean.class)),
				row.get("sync_posts", Integer.class), row.get("sync_likes", Integer.class),
				row.get("posts_fetched", Long.class), row.get("likes_fetched", Long.class));
	}

	/** Accounts by what they are waiting for. */
	public record Counts(long due, long inFlight, long reauthRequired) {

	}

}
