package dev.skylog.fetcher.post;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

import dev.skylog.events.EventMetadata;
import dev.skylog.events.post.PostContent;
import dev.skylog.events.post.PostFetched;
import dev.skylog.events.post.PostKind;
import dev.skylog.fetcher.bluesky.InvalidResponseException;

/**
 * One entry of {@code app.bsky.feed.getAuthorFeed} ({@code app.bsky.feed.defs#feedViewPost}): the account's
 * own post, reply or quote, or someone's post it reposted (with a {@code reasonRepost}).
 */
public record FeedItem(String uri, Instant sortAt, JsonNode item) {

	public static FeedItem of(JsonNode item) {
		JsonNode reason = item.path("reason");
		JsonNode post = item.path("post");
		if (isRepost(reason)) {
			String uri = PostViews.text(reason, "uri");
			Instant sortAt = PostViews.instant(PostViews.text(reason, "indexedAt"));
			if (uri == null || sortAt == null) {
				throw new InvalidResponseException("a repost without its record URI or time");
			}
			return new FeedItem(uri, sortAt, item);
		}
		String uri = PostViews.text(post, "uri");
		Instant sortAt = PostViews.instant(PostViews.text(post, "indexedAt"));
		if (uri == null || sortAt == null) {
			throw new InvalidResponseException("a feed item without a post URI or indexedAt");
		}
		return new FeedItem(uri, sortAt, item);
	}

	/** Bluesky's author feed also shows pinned posts on top; they are not in sort order. */
	public boolean isPinned() {
		return this.item.path("reason").path("$type").asString("").endsWith("#reasonPin");
	}

	public PostFetched toEvent(EventMetadata meta, String did) {
		JsonNode post = this.item.path("post");
		PostContent content = PostViews.content(post, this.item.path("reply"));
		if (isRepost(this.item.path("reason"))) {
			return PostFetched.of(meta, did, this.uri, PostViews.text(this.item.path("reason"), "cid"), PostKind.REPOST,
					this.sortAt, this.sortAt, content);
		}
		PostKind kind = (content.reply() != null) ? PostKind.REPLY
				: (content.quotedUri() != null) ? PostKind.QUOTE : PostKind.POST;
		Instant createdAt = (content.createdAt() != null) ? content.createdAt() : this.sortAt;
		return PostFetched.of(meta, did, this.uri, content.cid(), kind, createdAt, this.sortAt, content);
	}

	private static boolean isRepost(JsonNode reason) {
		return reason.path("$type").asString("").endsWith("#reasonRepost");
	}

}
