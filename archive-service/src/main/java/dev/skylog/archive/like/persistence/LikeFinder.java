package dev.skylog.archive.like.persistence;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.skylog.events.EventJson;
import dev.skylog.archive.like.domain.ArchivedLike;
import dev.skylog.archive.post.domain.PostCursor;
import dev.skylog.events.post.PostContent;

/** An account's likes, newest first, in keyset pages over {@code (liked_at, uri)}. */
@Repository
public class LikeFinder {

	private final DatabaseClient database;

	public LikeFinder(DatabaseClient database) {
		this.database = database;
	}

	/** One more than {@code limit}, so the caller knows whether another page follows. */
	public Flux<ArchivedLike> newest(String did, PostCursor after, int limit) {
		String keyset = (after != null) ? " AND (liked_at, uri) < (:afterAt, :afterUri)" : "";
		DatabaseClient.GenericExecuteSpec spec = this.database
			.sql("SELECT uri, subject_uri, liked_at, subject FROM liked_post WHERE did = :did" + keyset
					+ " ORDER BY liked_at DESC, uri DESC LIMIT " + (limit + 1))
			.bind("did", did);
		if (after != null) {
			spec = spec.bind("afterAt", after.sortAt().atOffset(ZoneOffset.UTC)).bind("afterUri", after.uri());
		}
		return spec.map(LikeFinder::like).all();
	}

	public Mono<Long> count(String did) {
		return this.database.sql("SELECT count(*) FROM liked_post WHERE did = :did")
			.bind("did", did)
			.map((row) -> row.get(0, Long.class))
			.one();
	}

	private static ArchivedLike like(Readable row) {
		String subject = row.get("subject", String.class);
		return new ArchivedLike(row.get("uri", String.class), row.get("subject_uri", String.class),
				row.get("liked_at", OffsetDateTime.class).toInstant(),
				(subject != null) ? EventJson.mapper().readValue(subject, PostContent.class) : null);
	}

}
