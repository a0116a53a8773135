package dev.skylog.archive.like.persistence;

import java.util.Collection;
import java.util.List;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import dev.skylog.events.kafka.EventSerde;
import dev.skylog.events.like.LikeFetched;

/** Likes with the liked post's content, upserted by the like's AT URI. */
@Repository
public class LikeStore {

	private final DatabaseClient database;

	public LikeStore(DatabaseClient database) {
		this.database = database;
	}

	public Mono<Void> upsert(Collection<LikeFetched> likes) {
		if (likes.isEmpty()) {
			return Mono.empty();
		}
		List<LikeFetched> rows = List.copyOf(likes);
		return this.database.sql("""
				INSERT INTO liked_post (uri, did, subject_uri, liked_at, subject)
				SELECT u.uri, u.did, u.subject_uri, u.liked_at::timestamptz, u.subject::jsonb
				FROM unnest(CAST(:uri AS text[]), CAST(:did AS text[]), CAST(:subjectUri AS text[]),
				    CAST(:likedAt AS text[]), CAST(:subject AS text[])) AS u(uri, did, subject_uri, liked_at, subject)
				ON CONFLICT (uri) DO UPDATE SET subject_uri = EXCLUDED.subject_uri, liked_at = EXCLUDED.liked_at,
				    subject = EXCLUDED.subject
				""")
			.bind("uri", rows.stream().map(LikeFetched::uri).toArray(String[]::new))
			.bind("did", rows.stream().map(LikeFetched::did).toArray(String[]::new))
			.bind("subjectUri", rows.stream().map(LikeFetched::subjectUri).toArray(String[]::new))
			.bind("likedAt", rows.stream().map((l) -> l.likedAt().toString()).toArray(String[]::new))
			.bind("subject", rows.stream()
				.map((l) -> (l.subject() != null) ? EventSerde.jsonMapper().writeValueAsString(l.subject()) : null)
				.toArray(String[]::new))
			.then();
	}

	public Mono<Void> delete(Collection<String> uris) {
		if (uris.isEmpty()) {
			return Mono.empty();
		}
		return this.database.sql("DELETE FROM liked_post WHERE uri = ANY(CAST(:uris AS text[]))")
			.bind("uris", uris.toArray(String[]::new))
			.then();
	}

}
