package dev.skylog.events.post;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The content of one post: the archived post itself, the post a repost points at, or the post a like points
 * at. {@code quotedUri} is set for quotes ({@code app.bsky.embed.record} and {@code recordWithMedia}).
 */
public record PostContent(String uri, String cid, String authorDid, String authorHandle, String text,
		List<Facet> facets, List<String> langs, List<Media> media, LinkCard link, String quotedUri, ReplyRef reply,
		Instant createdAt, Engagement engagement) {

	public PostContent {
		Objects.requireNonNull(uri, "uri");
		Objects.requireNonNull(authorDid, "authorDid");
		text = (text == null) ? "" : text;
		facets = (facets == null) ? List.of() : List.copyOf(facets);
		langs = (langs == null) ? List.of() : List.copyOf(langs);
		media = (media == null) ? List.of() : List.copyOf(media);
		engagement = (engagement == null) ? Engagement.NONE : engagement;
	}

	/** The counts the AppView showed when the post was fetched. */
	public record Engagement(long replies, long reposts, long likes, long quotes) {

		public static final Engagement NONE = new Engagement(0, 0, 0, 0);

	}

}
