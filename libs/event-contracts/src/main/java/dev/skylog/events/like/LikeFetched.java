package dev.skylog.events.like;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.skylog.events.Dids;
import dev.skylog.events.EventMetadata;
import dev.skylog.events.post.PostContent;

/**
 * The account liked a post. The liked post's content travels along, because Twilog-style pages show what was
 * liked even after its author deletes it. {@code subject} is null when the post was already gone.
 */
public record LikeFetched(UUID eventId, int schemaVersion, Instant occurredAt, String did, String uri,
		String subjectUri, Instant likedAt, PostContent subject) implements LikeEvent {

	public static final int SCHEMA_VERSION = 1;

	public LikeFetched {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Dids.requireDid(did);
		Dids.requireAtUri(uri);
		Dids.requireAtUri(subjectUri);
		Objects.requireNonNull(likedAt, "likedAt");
	}

	public static LikeFetched of(EventMetadata meta, String did, String uri, String subjectUri, Instant likedAt,
			PostContent subject) {
		return new LikeFetched(meta.eventId(), SCHEMA_VERSION, meta.occurredAt(), did, uri, subjectUri, likedAt,
				subject);
	}

	@Override
	public boolean removesRecord() {
		return false;
	}

}
