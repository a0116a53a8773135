package dev.skylog.archive.like.persistence;

import java.util.Collection;
import java.util.List;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import dev.skylog.events.EventJson;
import dev.skylog.archive.account.persistence.RecordTombstones;
import dev.skylog.events.like.LikeDeleted;
import dev.skylog.events.like.LikeFetched;

/**
 * Likes with the liked post's content, upserted by the like's AT URI: a row changes only for a newer event of the
 * same account, never past a tombstone ({@code EventOrder}, {@link RecordTombstones}).
 */
@Repository
public class LikeStore {

	private final DatabaseClient database;

	private final RecordTombstones tombstones;

	public LikeStore(DatabaseClient database, RecordTombstones tombstones) {
		this.database = database;
		this.tombstones = tombstones;
	}

	public Mono<Void> upsert(Collection<LikeFetched> likes) {
		if (likes.isEmpty()) {
			return Mono.empty();
		}
		List<LikeFetched> rows = List.copyOf(likes);
		return this.database.sql("""
				INSERT INTO liked_post (uri, did, subject_uri, liked_at, subject, event_at)
				SELECT u.uri, u.did, u.subject_uri, u.liked_at::timestamptz, u.subject::jsonb, u.event_at::timestamptz
				FROM unnest(CAST(:uri AS text[]), CAST(:did AS text[]), CAST(:subjectUri AS text[]),
				    CAST(:likedAt AS text[]), CAST(:subject AS text[]), CAST(:eventAt AS text[]))
				  AS u(uri, did, subject_uri, liked_at, subject, event_at)
				WHERE %s
				ON CONFLICT (uri) DO UPDATE SET subject_uri = EXCLUDED.subject_uri, liked_at = EXCLUDED.liked_at,
				    subject = EXCLUDED.subject, event_at = EXCLUDED.event_at
				WHERE liked_post.event_at <= EXCLUDED.event_at AND liked_post.did = EXCLUDED.did
				""".formatted(RecordTombstones.notDeletedSince("u.uri", "u.event_at::timestamptz")))
			.bind("uri", rows.stream().map(LikeFetched::uri).toArray(String[]::new))
			.bind("did", rows.stream().map(LikeFetched::did).toArray(String[]::new))
			.bind("subjectUri", rows.stream().map(LikeFetched::subjectUri).toArray(String[]::new))
			.bind("likedAt", rows.stream().map((l) -> l.likedAt().toString()).toArray(String[]::new))
			.bind("subject", rows.stream()
				.map((l) -> (l.subject() != null) ? EventJson.mapper().writeValueAsString(l.subject()) : null)
				.toArray(String[]::new))
			.bind("eventAt", rows.stream().map((l) -> l.occurredAt().toString()).toArray(String[]::new))
			.then();
	}

	public Mono<Void> delete(Collection<LikeDeleted> deletions) {
		return this.tombstones.remove("liked_post", deletions);
	}

}
