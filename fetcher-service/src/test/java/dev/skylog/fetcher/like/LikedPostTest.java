package dev.skylog.fetcher.like;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.skylog.events.EventMetadata;
import dev.skylog.events.like.LikeFetched;
import dev.skylog.fetcher.bluesky.InvalidResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LikedPostTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ALICE = "did:plc:qju6sevdophfyhxkvo4o4xjp";

	private static final String BOB = "did:plc:ukcvvalgdqulkahgwqqpoyqj";

	private static final String LIKE_URI = "at://" + ALICE + "/app.bsky.feed.like/3lendqhtjk222";

	private static final String POST_URI = "at://" + BOB + "/app.bsky.feed.post/3lenbdle6c222";

	@Test
	void readsTheLikeRecordAndItsTimeFromViewerLike() {
		LikedPost liked = LikedPost.of(item(LIKE_URI));

		assertThat(liked.likeUri()).isEqualTo(LIKE_URI);
		assertThat(liked.likedAt()).isEqualTo(Instant.parse("2025-01-01T00:50:00Z"));
	}

	@Test
	void aPostViewWithoutViewerLikeIsRefused() {
		JsonNode item = JSON.readTree("""
				{"post": {"uri": "%s", "author": {"did": "%s"}, "viewer": {"bookmarked": false}}}
				""".formatted(POST_URI, BOB));

		assertThatExceptionOfType(InvalidResponseException.class).isThrownBy(() -> LikedPost.of(item))
			.withMessage("a liked post without viewer.like: read with someone else's token?");
	}

	@Test
	void aViewerLikeThatIsNoAtUriIsRefused() {
		assertThatExceptionOfType(InvalidResponseException.class)
			.isThrownBy(() -> LikedPost.of(item("3lendqhtjk222")));
	}

	@Test
	void likedAtComesFromTheLastPathSegment() {
		assertThat(LikedPost.likedAt("at://" + ALICE + "/app.bsky.feed.like/3lendoomhs222"))
			.isEqualTo(Instant.parse("2025-01-01T00:49:00Z"));
		assertThat(LikedPost.likedAt("at://" + ALICE + "/app.bsky.feed.like/self")).isEqualTo(Instant.EPOCH);
	}

	@Test
	void becomesALikeFetchedCarryingTheLikedPost() {
		EventMetadata meta = new EventMetadata(UUID.fromString("00000000-0000-0000-0000-000000000001"),
				Instant.parse("2025-02-01T00:00:00Z"));

		LikeFetched event = LikedPost.of(item(LIKE_URI)).toEvent(meta, ALICE);

		assertThat(event.eventId()).isEqualTo(meta.eventId());
		assertThat(event.occurredAt()).isEqualTo(meta.occurredAt());
		assertThat(event.schemaVersion()).isEqualTo(LikeFetched.SCHEMA_VERSION);
		assertThat(event.did()).isEqualTo(ALICE);
		assertThat(event.uri()).isEqualTo(LIKE_URI);
		assertThat(event.subjectUri()).isEqualTo(POST_URI);
		assertThat(event.likedAt()).isEqualTo(Instant.parse("2025-01-01T00:50:00Z"));
		assertThat(event.subject().uri()).isEqualTo(POST_URI);
		assertThat(event.subject().authorDid()).isEqualTo(BOB);
		assertThat(event.subject().authorHandle()).isEqualTo("bob.test");
		assertThat(event.subject().text()).isEqualTo("Bob post 4");
		assertThat(event.subject().createdAt()).isEqualTo(Instant.parse("2025-01-01T00:07:00Z"));
		assertThat(event.subject().engagement().likes()).isEqualTo(1);
	}

	/** Modelled on fixture 66 (getActorLikes of alice, read with alice's token). */
	private static JsonNode item(String viewerLike) {
		return JSON.readTree("""
				{
				  "post": {
				    "uri": "%s",
				    "cid": "bafyreidj6pjc7anfufhifbk3hkcvcjorbwrvzyuvzjsw6qmc3saauec5la",
				    "author": {"did": "%s", "handle": "bob.test", "displayName": "Bob", "labels": []},
				    "record": {"text": "Bob post 4", "$type": "app.bsky.feed.post", "createdAt": "2025-01-01T00:07:00.000Z"},
				    "replyCount": 0, "repostCount": 0, "likeCount": 1, "quoteCount": 0,
				    "indexedAt": "2025-01-01T00:07:00.000Z",
				    "viewer": {"like": "%s", "bookmarked": false, "threadMuted": false},
				    "labels": []
				  }
				}
				""".formatted(POST_URI, BOB, viewerLike));
	}

}
