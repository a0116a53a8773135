package dev.skylog.events.post;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.skylog.events.Dids;
import dev.skylog.events.EventMetadata;

/**
 * One entry of the account's own feed: a post, reply, quote or repost. For a repost {@code uri} is the repost
 * record and {@code content} the reposted post (someone else's); for the others {@code uri} equals
 * {@code content.uri()}. Fetching the same entry again yields the same {@code uri}, so consumers upsert by it.
 *
 * @param sortAt Bluesky's sort time ({@code indexedAt} of the post, or of the repost reason), which the
 * author feed is ordered by and the fetcher's checkpoint follows
 * @param createdAt when the author says they posted (or reposted)
 */
public record PostFetched(UUID eventId, int schemaVersion, Instant occurredAt, String did, String uri, String cid,
		PostKind kind, Instant createdAt, Instant sortAt, PostContent content) implements PostEvent {

	public static final int SCHEMA_VERSION = 1;

	public PostFetched {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Dids.requireDid(did);
		Dids.requireAtUri(uri);
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(createdAt, "createdAt");
		Objects.requireNonNull(sortAt, "sortAt");
		Objects.requireNonNull(content, "content");
	}

	public static PostFetched of(EventMetadata meta, String did, String uri, String cid, PostKind kind,
			Instant createdAt, Instant sortAt, PostContent content) {
		return new PostFetched(meta.eventId(), SCHEMA_VERSION, meta.occurredAt(), did, uri, cid, kind, createdAt,
				sortAt, content);
	}

	@Override
	public boolean removesRecord() {
		return false;
	}

}
