package dev.skylog.archive.post.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.skylog.archive.account.domain.ArchiveAccount;
import dev.skylog.archive.post.domain.PostCursor;
import dev.skylog.archive.post.domain.PostQuery;
import dev.skylog.archive.post.domain.SearchText;
import dev.skylog.archive.web.ArchiveProblem;
import dev.skylog.events.post.PostKind;

/**
 * The timeline's query parameters as the caller sent them, checked one by one so a bad one is named in a 400
 * problem. {@code mention} is left for the caller to resolve, as a handle needs a lookup.
 */
public record PostFilters(String q, String from, String to, String hashtag, String mention, String has,
		String kinds, String lang, String order, String cursor, Integer limit) {

	public static final int DEFAULT_LIMIT = 50;

	public PostQuery toQuery(ArchiveAccount account, String mentionDid) {
		if (this.q != null && this.q.length() > SearchText.MAX_QUERY_LENGTH) {
			throw ArchiveProblem.invalidParameter("q", "at most " + SearchText.MAX_QUERY_LENGTH + " characters");
		}
		List<String> terms = SearchText.terms(this.q);
		if (terms.size() > SearchText.MAX_TERMS) {
			throw ArchiveProblem.invalidParameter("q", "at most " + SearchText.MAX_TERMS + " words");
		}
		LocalDate fromDate = date("from", this.from);
		LocalDate toDate = date("to", this.to);
		if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
			throw ArchiveProblem.invalidParameter("to", "before from");
		}
		Instant fromInstant = (fromDate != null) ? account.startOf(fromDate).toInstant() : null;
		// "to" names the last day shown, so the range ends at the next midnight.
		Instant toInstant = (toDate != null) ? account.startOf(toDate.plusDays(1)).toInstant() : null;
		return new PostQuery(terms, fromInstant, toInstant, tag(), mentionDid, contains(), kindSet(), language(),
				direction(), (this.cursor != null && !this.cursor.isBlank()) ? PostCursor.decode(this.cursor) : null,
				pageSize());
	}

	/** A date parameter in the account's calendar ({@code yyyy-mm-dd}). */
	public static LocalDate date(String name, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeException ex) {
			throw ArchiveProblem.invalidParameter(name, "not a date (yyyy-mm-dd)");
		}
	}

	public int pageSize() {
		return pageSize(this.limit);
	}

	public static int pageSize(Integer limit) {
		if (limit == null) {
			return DEFAULT_LIMIT;
		}
		if (limit < 1 || limit > PostQuery.MAX_LIMIT) {
			throw ArchiveProblem.invalidParameter("limit", "between 1 and " + PostQuery.MAX_LIMIT);
		}
		return limit;
	}

	private String tag() {
		if (this.hashtag == null || this.hashtag.isBlank()) {
			return null;
		}
		String tag = this.hashtag.strip();
		tag = (tag.startsWith("#") || tag.startsWith("＃")) ? tag.substring(1) : tag;
		// Bluesky caps a tag at 64 graphemes (app.bsky.richtext.facet#tag: maxGraphemes 64, maxLength 640).
		if (tag.isEmpty() || tag.length() > 640) {
			throw ArchiveProblem.invalidParameter("hashtag", "empty or longer than a Bluesky tag");
		}
		// PostgreSQL text cannot hold NUL, and no tag holds a control character.
		if (tag.chars().anyMatch(Character::isISOControl)) {
			throw ArchiveProblem.invalidParameter("hashtag", "contains a control character");
		}
		return tag;
	}

	private PostQuery.Has contains() {
		if (this.has == null || this.has.isBlank()) {
			return null;
		}
		return switch (this.has.strip().toLowerCase(Locale.ROOT)) {
			case "media" -> PostQuery.Has.MEDIA;
			case "link" -> PostQuery.Has.LINK;
			default -> throw ArchiveProblem.invalidParameter("has", "media or link");
		};
	}

	/**
	 * {@code kinds=post,reply} shows only those; {@code kinds=-reply,-repost} shows all but those; both may be
	 * combined.
	 */
	private Set<PostKind> kindSet() {
		if (this.kinds == null || this.kinds.isBlank()) {
			return EnumSet.allOf(PostKind.class);
		}
		Set<PostKind> included = EnumSet.noneOf(PostKind.class);
		Set<PostKind> excluded = EnumSet.noneOf(PostKind.class);
		for (String item : this.kinds.split(",")) {
			String name = item.strip();
			boolean exclude = name.startsWith("-");
			PostKind kind = kind(exclude ? name.substring(1) : name);
			(exclude ? excluded : included).add(kind);
		}
		Set<PostKind> kinds = included.isEmpty() ? EnumSet.allOf(PostKind.class) : included;
		kinds.removeAll(excluded);
		if (kinds.isEmpty()) {
			throw ArchiveProblem.invalidParameter("kinds", "excludes every kind");
		}
		return kinds;
	}

	private static PostKind kind(String name) {
		try {
			return PostKind.valueOf(name.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw ArchiveProblem.invalidParameter("kinds", "post, reply, quote or repost, optionally with -");
		}
	}

	private String language() {
		if (this.lang == null || this.lang.isBlank()) {
			return null;
		}
		if (!this.lang.strip().matches("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")) {
			throw ArchiveProblem.invalidParameter("lang", "a BCP 47 language tag such as ja or en-US");
		}
		return this.lang.strip();
	}

	private PostQuery.Order direction() {
		if (this.order == null || this.order.isBlank()) {
			return PostQuery.Order.NEWEST;
		}
		return switch (this.order.strip().toLowerCase(Locale.ROOT)) {
			case "newest" -> PostQuery.Order.NEWEST;
			case "oldest" -> PostQuery.Order.OLDEST;
			default -> throw ArchiveProblem.invalidParameter("order", "newest or oldest");
		};
	}

}
