package dev.skylog.archive.account.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import dev.skylog.events.SkylogEvent;

/**
 * Keeps deleted accounts deleted. Each deletion leaves its time; an event about the account that was fetched at or
 * before that time is dropped, whenever it arrives (posts, likes and the deletion travel on different topics, so
 * a sync in flight during the deletion delivers after it).
 *
 * <p>Call both sides inside the transaction that stores or purges: they take a per-account advisory lock, so a
 * batch that checked the fence cannot commit rows after a deletion that committed in between.
 */
@Repository
public class DeletionFence {

	private final DatabaseClient database;

	public DeletionFence(DatabaseClient database) {
		this.database = database;
	}

	/** The events that may be stored: those of accounts never deleted, or fetched after the last deletion. */
	public <E extends SkylogEvent> Mono<List<E>> admit(List<E> events) {
		if (events.isEmpty()) {
			return Mono.just(events);
		}
		List<String> dids = events.stream().map(SkylogEvent::did).distinct().toList();
		return lock(dids)
			.then(this.database.sql("SELECT did, deleted_at FROM account_deletion WHERE did = ANY(CAST(:dids AS text[]))")
				.bind("dids", dids.toArray(String[]::new))
				.map((row) -> Map.entry(row.get("did", String.class),
						row.get("deleted_at", OffsetDateTime.class).toInstant()))
				.all()
				.collectMap(Map.Entry::getKey, Map.Entry::getValue))
			.map((deletions) -> deletions.isEmpty() ? events : events.stream()
				.filter((event) -> !deletions.containsKey(event.did())
						|| event.occurredAt().isAfter(deletions.get(event.did())))
				.toList());
	}

	/** Records a deletion; the newest one counts. Call after {@link #lock} and the purge. */
	public Mono<Void> raise(String did, Instant deletedAt) {
		return this.database.sql("""
				INSERT INTO account_deletion (did, deleted_at) VALUES (:did, :at)
				ON CONFLICT (did) DO UPDATE SET deleted_at = GREATEST(account_deletion.deleted_at, EXCLUDED.deleted_at)
				""")
			.bind("did", did)
			.bind("at", deletedAt.atOffset(ZoneOffset.UTC))
			.then();
	}

	/** Transaction-scoped locks on these accounts, taken in one order everywhere so two batches never deadlock. */
	public Mono<Void> lock(Collection<String> dids) {
		if (dids.isEmpty()) {
			return Mono.empty();
		}
		return this.database.sql("""
				SELECT count(pg_advisory_xact_lock(h))
				FROM (SELECT DISTINCT hashtext(d) AS h FROM unnest(CAST(:dids AS text[])) AS d ORDER BY h) AS locks
				""")
			.bind("dids", dids.toArray(String[]::new))
			.then();
	}

}
