package dev.skylog.fetcher.post;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import dev.skylog.events.Dids;
import dev.skylog.events.post.Facet;
import dev.skylog.events.post.LinkCard;
import dev.skylog.events.post.Media;
import dev.skylog.events.post.PostContent;
import dev.skylog.events.post.ReplyRef;
import dev.skylog.fetcher.bluesky.InvalidResponseException;

/**
 * Reads an {@code app.bsky.feed.defs#postView} (as the AppView hydrates it) into a post's content. Field names
 * and {@code $type}s follow the lexicons; an embed type this code does not know is left out rather than failing
 * the sync, because Bluesky adds embed types over time.
 */
public final class PostViews {

	private PostViews() {
	}

	public static PostContent content(JsonNode post, JsonNode replyContext) {
		String uri = text(post, "uri");
		if (uri == null || !uri.startsWith("at://")) {
			throw new InvalidResponseException("a post view without an AT URI");
		}
		JsonNode author = post.path("author");
		String authorDid = text(author, "did");
		if (!Dids.isDid(authorDid)) {
			throw new InvalidResponseException("a post view without its author's DID: " + uri);
		}
		JsonNode record = post.path("record");
		JsonNode embed = post.path("embed");
		return new PostContent(uri, text(post, "cid"), authorDid, text(author, "handle"), text(record, "text"),
				facets(record), strings(record.path("langs")), media(embed), link(embed), quotedUri(embed),
				reply(record, replyContext), instant(text(record, "createdAt")),
				new PostContent.Engagement(count(post, "replyCount"), count(post, "repostCount"), count(post, "likeCount"),
						count(post, "quoteCount")));
	}

	public static boolean isQuote(JsonNode post) {
		return quotedUri(post.path("embed")) != null;
	}

	public static Instant instant(String value) {
		if (value == null) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			// Records are user-written: a malformed createdAt is theirs, not a protocol error.
			return null;
		}
	}

	static List<Facet> facets(JsonNode record) {
		List<Facet> facets = new ArrayList<>();
		for (JsonNode facet : record.path("facets")) {
			int start = facet.path("index").path("byteStart").asInt(-1);
			int end = facet.path("index").path("byteEnd").asInt(-1);
			if (start < 0 || end < start) {
				continue;
			}
			for (JsonNode feature : facet.path("features")) {
				String type = feature.path("$type").asString("");
				if (type.endsWith("#tag") && feature.path("tag").isString()) {
					facets.add(new Facet(start, end, Facet.Kind.TAG, feature.path("tag").asString()));
				}
				else if (type.endsWith("#mention") && feature.path("did").isString()) {
					facets.add(new Facet(start, end, Facet.Kind.MENTION, feature.path("did").asString()));
				}
				else if (type.endsWith("#link") && feature.path("uri").isString()) {
					facets.add(new Facet(start, end, Facet.Kind.LINK, feature.path("uri").asString()));
				}
			}
		}
		// Outline tags (record.tags) are hashtags that are not in the text: they have no byte range.
		for (JsonNode tag : record.path("tags")) {
			if (tag.isString()) {
				facets.add(new Facet(0, 0, Facet.Kind.TAG, tag.asString()));
			}
		}
		return facets;
	}

	static List<Media> media(JsonNode embed) {
		String type = embed.path("$type").asString("");
		if (type.equals("app.bsky.embed.recordWithMedia#view")) {
			return media(embed.path("media"));
		}
		List<Media> media = new ArrayList<>();
		if (type.equals("app.bsky.embed.images#view")) {
			for (JsonNode image : embed.path("images")) {
				media.add(new Media(Media.Kind.IMAGE, text(image, "alt"), text(image, "thumb"), text(image, "fullsize"),
						image.path("aspectRatio").path("width").asInt(0), image.path("aspectRatio").path("height").asInt(0)));
			}
		}
		else if (type.equals("app.bsky.embed.video#view")) {
			media.add(new Media(Media.Kind.VIDEO, text(embed, "alt"), text(embed, "thumbnail"), text(embed, "playlist"),
					embed.path("aspectRatio").path("width").asInt(0), embed.path("aspectRatio").path("height").asInt(0)));
		}
		return media;
	}

	static LinkCard link(JsonNode embed) {
		String type = embed.path("$type").asString("");
		if (type.equals("app.bsky.embed.recordWithMedia#view")) {
			return link(embed.path("media"));
		}
		if (!type.equals("app.bsky.embed.external#view")) {
			return null;
		}
		JsonNode external = embed.path("external");
		String uri = text(external, "uri");
		return (uri != null) ? new LinkCard(uri, text(external, "title"), text(external, "description"),
				text(external, "thumb")) : null;
	}

	static String quotedUri(JsonNode embed) {
		String type = embed.path("$type").asString("");
		if (type.equals("app.bsky.embed.record#view")) {
			return text(embed.path("record"), "uri");
		}
		if (type.equals("app.bsky.embed.recordWithMedia#view")) {
			// The middle "record" object of recordWithMedia carries no $type: record.record is the view.
			return text(embed.path("record").path("record"), "uri");
		}
		return null;
	}

	static ReplyRef reply(JsonNode record, JsonNode replyContext) {
		JsonNode reply = record.path("reply");
		if (!reply.isObject()) {
			return null;
		}
		JsonNode parentAuthor = replyContext.path("parent").path("author");
		return new ReplyRef(text(reply.path("root"), "uri"), text(reply.path("parent"), "uri"),
				text(parentAuthor, "did"), text(parentAuthor, "handle"));
	}

	public static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isString() ? value.asString() : null;
	}

	static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		for (JsonNode value : array) {
			if (value.isString()) {
				values.add(value.asString());
			}
		}
		return values;
	}

	private static long count(JsonNode post, String field) {
		return Math.max(0, post.path(field).asLong(0));
	}

}
