package dev.skylog.events.sync;

import java.time.Instant;
import java.util.List;

/**
 * How far an account's history has been collected, per collection. The scheduler owns it and hands it to the
 * fetcher in every {@link SyncRequested}; the fetcher answers with a new one. Every field may be null: an
 * account that was never synced has an empty checkpoint.
 *
 * @param newestPostSortAt the {@code indexedAt} (Bluesky's sort time) of the newest post or repost seen; the
 * next sync pages back to it, with an overlap, so a late-indexed post is not missed
 * @param newestPostUri the AT URI of that post or repost
 * @param postsResumeCursor a {@code getAuthorFeed} cursor to resume an unfinished first sync from
 * @param newestLikeUri the AT URI of the newest like record seen
 * @param likesResumeCursor a {@code getActorLikes} cursor to resume an unfinished first sync from
 * @param recentPostUris the posts seen within the overlap window below {@code newestPostSortAt}: the next sync
 * looks at that window again for late-indexed posts and skips these, so it emits only what is new
 */
public record SyncCheckpoint(Instant newestPostSortAt, String newestPostUri, String postsResumeCursor,
		String newestLikeUri, String likesResumeCursor, List<String> recentPostUris) {

	public SyncCheckpoint {
		recentPostUris = (recentPostUris == null) ? List.of() : List.copyOf(recentPostUris);
	}

	public static SyncCheckpoint empty() {
		return new SyncCheckpoint(null, null, null, null, null, List.of());
	}

}
