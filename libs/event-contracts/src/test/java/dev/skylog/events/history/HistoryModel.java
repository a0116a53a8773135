package dev.skylog.events.history;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import dev.skylog.events.SkylogEvent;
import dev.skylog.events.account.AccountDeleted;
import dev.skylog.events.like.LikeDeleted;
import dev.skylog.events.like.LikeFetched;
import dev.skylog.events.post.PostDeleted;
import dev.skylog.events.post.PostFetched;

/**
 * What a read model must hold once it has seen a whole history, worked out from the rules as the README states
 * them and without the code that applies them: an account's deletion erases everything dated at or before it;
 * of the events left about a record, the newest decides (a deletion wins a tie), and the record exists if that is
 * a fetch. Delivery order, batches and redeliveries play no part.
 *
 * @param posts the posts and reposts that exist, with the time of the fetch whose content they show
 * @param likes the likes that exist, likewise
 */
public record HistoryModel(Map<String, Instant> posts, Map<String, Instant> likes) {

	public static HistoryModel of(GeneratedHistory history) {
		Map<String, Instant> accountDeleted = new HashMap<>();
		for (SkylogEvent event : history.events()) {
			if (event instanceof AccountDeleted deleted) {
				accountDeleted.merge(deleted.did(), deleted.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
			}
		}
		// Per record: the newest surviving event's time, and whether it was a deletion.
		Map<String, Instant> newestAt = new HashMap<>();
		Map<String, Boolean> newestDeletes = new HashMap<>();
		for (SkylogEvent event : history.events()) {
			String uri = switch (event) {
				case PostFetched e -> e.uri();
				case PostDeleted e -> e.uri();
				case LikeFetched e -> e.uri();
				case LikeDeleted e -> e.uri();
				default -> null;
			};
			if (uri == null) {
				continue;
			}
			Instant fence = accountDeleted.get(event.did());
			if (fence != null && !event.occurredAt().isAfter(fence)) {
				continue;
			}
			boolean deletes = event instanceof PostDeleted || event instanceof LikeDeleted;
			Instant known = newestAt.get(uri);
			if (known == null || event.occurredAt().isAfter(known)
					|| (event.occurredAt().equals(known) && deletes)) {
				newestAt.put(uri, event.occurredAt());
				newestDeletes.put(uri, deletes);
			}
		}
		Map<String, Instant> posts = new TreeMap<>();
		Map<String, Instant> likes = new TreeMap<>();
		newestAt.forEach((uri, at) -> {
			if (!newestDeletes.get(uri)) {
				(uri.contains("/app.bsky.feed.like/") ? likes : posts).put(uri, at);
			}
		});
		return new HistoryModel(posts, likes);
	}

}
