package dev.skylog.fetcher.like;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

import dev.skylog.events.EventMetadata;
import dev.skylog.events.like.LikeFetched;
import dev.skylog.fetcher.bluesky.InvalidResponseException;
import dev.skylog.fetcher.post.PostViews;

/**
 * One entry of {@code app.bsky.feed.getActorLikes}: a liked post, with the like record's URI in
 * {@code post.viewer.like} (only the account itself sees it, which is why likes are read with its token).
 */
public record LikedPost(String likeUri, Instant likedAt, JsonNode item) {

	public static LikedPost of(JsonNode item) {
		String likeUri = PostViews.text(item.path("post").path("viewer"), "like");
		if (likeUri == null || !likeUri.startsWith("at://")) {
			throw new InvalidResponseException("a liked post without viewer.like: read with someone else's token?");
		}
		return new LikedPost(likeUri, likedAt(likeUri), item);
	}

	/** When a like was made, from its record key. */
	public static Instant likedAt(String likeUri) {
		return Tid.timestamp(likeUri.substring(likeUri.lastIndexOf('/') + 1));
	}

	public LikeFetched toEvent(EventMetadata meta, String did) {
		JsonNode post = this.item.path("post");
		return LikeFetched.of(meta, did, this.likeUri, PostViews.text(post, "uri"), this.likedAt,
				PostViews.content(post, this.item.path("reply")));
	}

}
