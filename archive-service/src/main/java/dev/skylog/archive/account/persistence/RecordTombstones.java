package dev.skylog.archive.account.persistence;

import java.util.Collection;
import java.util.List;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import dev.skylog.events.RecordEvent;

/**
 * Removes deleted posts and likes and remembers each removal with its time ({@code EventOrder}): a fetch dated at
 * or before it never brings the record back, in whatever order the two arrive. Only rows of the event's own
 * account are touched.
 */
@Repository
public class RecordTombstones {

	private final DatabaseClient database;

	public RecordTombstones(DatabaseClient database) {
		this.database = database;
	}

	/** The condition an upsert of rows {@code u(uri, event_at)} needs to respect the tombstones. */
	public static String notDeletedSince(String uri, String eventAt) {
		return "NOT EXISTS (SELECT 1 FROM record_tombstone t WHERE t.uri = " + uri + " AND t.deleted_at >= "
				+ eventAt + ")";
	}

	/** Leaves a tombstone for each removal, then deletes the rows of {@code table} it is newer than. */
	public Mono<Void> remove(String table, Collection<? extends RecordEvent> removals) {
		if (removals.isEmpty()) {
			return Mono.empty();
		}
		List<? extends RecordEvent> rows = List.copyOf(removals);
		String[] uris = rows.stream().map(RecordEvent::uri).toArray(String[]::new);
		String[] dids = rows.stream().map(RecordEvent::did).toArray(String[]::new);
		String[] times = rows.stream().map((e) -> e.occurredAt().toString()).toArray(String[]::new);
		return this.database.sql("""
				INSERT INTO record_tombstone (uri, did, deleted_at)
				SELECT u.uri, u.did, u.at::timestamptz
				FROM unnest(CAST(:uri AS text[]), CAST(:did AS text[]), CAST(:at AS text[])) AS u(uri, did, at)
				ON CONFLICT (uri) DO UPDATE SET deleted_at = GREATEST(record_tombstone.deleted_at, EXCLUDED.deleted_at)
				WHERE record_tombstone.did = EXCLUDED.did
				""")
			.bind("uri", uris)
			.bind("did", dids)
			.bind("at", times)
			.then()
			.then(this.database.sql("DELETE FROM " + table + " r USING unnest(CAST(:uri AS text[]), CAST(:did AS text[]), "
					+ "CAST(:at AS text[])) AS u(uri, did, at) "
					+ "WHERE r.uri = u.uri AND r.did = u.did AND r.event_at <= u.at::timestamptz")
				.bind("uri", uris)
				.bind("did", dids)
				.bind("at", times)
				.then());
	}

}
