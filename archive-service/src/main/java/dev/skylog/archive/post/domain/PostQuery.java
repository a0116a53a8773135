package dev.skylog.archive.post.domain;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.skylog.events.post.PostKind;

/**
 * Which of an account's posts a page shows. Times are instants: the web layer turns the caller's dates into
 * midnights of the account's time zone.
 *
 * @param terms normalised search terms ({@link SearchText#terms}); every one must occur
 * @param mentionDid the mentioned account's DID, already resolved from a handle
 * @param from inclusive, or null
 * @param to exclusive, or null
 */
public record PostQuery(List<String> terms, Instant from, Instant to, String hashtag, String mentionDid,
		Has has, Set<PostKind> kinds, String lang, Order order, PostCursor after, int limit) {

	public static final int MAX_LIMIT = 100;

	public PostQuery {
		terms = List.copyOf(terms);
		kinds = kinds.isEmpty() ? EnumSet.noneOf(PostKind.class) : EnumSet.copyOf(kinds);
	}

	/** The whole timeline, newest first. */
	public static PostQuery newest(int limit) {
		return new PostQuery(List.of(), null, null, null, null, null, EnumSet.allOf(PostKind.class), null,
				Order.NEWEST, null, limit);
	}

	public PostQuery between(Instant from, Instant to) {
		return new PostQuery(this.terms, from, to, this.hashtag, this.mentionDid, this.has, this.kinds, this.lang,
				this.order, this.after, this.limit);
	}

	public enum Has {

		MEDIA, LINK

	}

	public enum Order {

		NEWEST, OLDEST

	}

}
