package dev.skylog.fetcher.post;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.skylog.events.EventMetadata;
import dev.skylog.events.post.PostFetched;
import dev.skylog.events.post.PostKind;
import dev.skylog.fetcher.bluesky.InvalidResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FeedItemTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ALICE = "did:plc:qju6sevdophfyhxkvo4o4xjp";

	private static final String BOB = "did:plc:ukcvvalgdqulkahgwqqpoyqj";

	private static final String ALICE_POST = "at://" + ALICE + "/app.bsky.feed.post/3lenbtodo2222";

	private static final String BOB_POST = "at://" + BOB + "/app.bsky.feed.post/3lend6lmy2222";

	private static final String BOB_REPOST = "at://" + BOB + "/app.bsky.feed.repost/3lendaetzs222";

	private static final EventMetadata META = new EventMetadata(
			UUID.fromString("00000000-0000-0000-0000-000000000002"), Instant.parse("2025-02-01T00:00:00Z"));

	@Test
	void aPostIsKeyedByItsUriAndSortedByItsIndexedAt() {
		FeedItem item = FeedItem.of(json("{\"post\": " + post(ALICE_POST, ALICE, "", "") + "}"));

		assertThat(item.uri()).isEqualTo(ALICE_POST);
		assertThat(item.sortAt()).isEqualTo(Instant.parse("2025-01-01T00:16:30Z"));
		assertThat(item.isPinned()).isFalse();
	}

	@Test
	void aRepostIsKeyedByTheRepostRecordAndSortedByWhenItWasReposted() {
		FeedItem item = FeedItem.of(repostByBob());

		assertThat(item.uri()).isEqualTo(BOB_REPOST);
		assertThat(item.sortAt()).isEqualTo(Instant.parse("2025-01-01T00:41:00Z"));
	}

	@Test
	void aRepostWithoutItsRecordUriOrTimeIsRefused() {
		String withoutUri = "{\"post\": %s, \"reason\": {\"$type\": \"app.bsky.feed.defs#reasonRepost\", \"indexedAt\": \"2025-01-01T00:41:00.000Z\"}}"
			.formatted(post(ALICE_POST, ALICE, "", ""));
		String withoutTime = "{\"post\": %s, \"reason\": {\"$type\": \"app.bsky.feed.defs#reasonRepost\", \"uri\": \"%s\"}}"
			.formatted(post(ALICE_POST, ALICE, "", ""), BOB_REPOST);

		assertThatExceptionOfType(InvalidResponseException.class).isThrownBy(() -> FeedItem.of(json(withoutUri)))
			.withMessage("a repost without its record URI or time");
		assertThatExceptionOfType(InvalidResponseException.class).isThrownBy(() -> FeedItem.of(json(withoutTime)))
			.withMessage("a repost without its record URI or time");
	}

	@Test
	void aPostWithoutUriOrValidIndexedAtIsRefused() {
		String withoutUri = "{\"post\": {\"indexedAt\": \"2025-01-01T00:16:30.000Z\"}}";
		String badTime = "{\"post\": {\"uri\": \"" + ALICE_POST + "\", \"indexedAt\": \"soon\"}}";

		assertThatExceptionOfType(InvalidResponseException.class).isThrownBy(() -> FeedItem.of(json(withoutUri)))
			.withMessage("a feed item without a post URI or indexedAt");
		assertThatExceptionOfType(InvalidResponseException.class).isThrownBy(() -> FeedItem.of(json(badTime)))
			.withMessage("a feed item without a post URI or indexedAt");
		assertThatExceptionOfType(InvalidResponseException.class).isThrownBy(() -> FeedItem.of(json("{}")));
	}

	@Test
	void aPinnedPostIsMarkedAndKeyedAsAPost() {
		FeedItem item = FeedItem.of(json("{\"post\": %s, \"reason\": {\"$type\": \"app.bsky.feed.defs#reasonPin\"}}"
			.formatted(post(ALICE_POST, ALICE, "", ""))));

		assertThat(item.isPinned()).isTrue();
		assertThat(item.uri()).isEqualTo(ALICE_POST);
		assertThat(item.toEvent(META, ALICE).kind()).isEqualTo(PostKind.POST);
	}

	@Test
	void aPlainPostBecomesAPostEvent() {
		PostFetched event = FeedItem.of(json("{\"post\": " + post(ALICE_POST, ALICE, "", "") + "}")).toEvent(META, ALICE);

		assertThat(event.eventId()).isEqualTo(META.eventId());
		assertThat(event.occurredAt()).isEqualTo(META.occurredAt());
		assertThat(event.schemaVersion()).isEqualTo(PostFetched.SCHEMA_VERSION);
		assertThat(event.did()).isEqualTo(ALICE);
		assertThat(event.uri()).isEqualTo(ALICE_POST);
		assertThat(event.cid()).isEqualTo("bafyreicid");
		assertThat(event.kind()).isEqualTo(PostKind.POST);
		assertThat(event.createdAt()).isEqualTo(Instant.parse("2025-01-01T00:16:00Z"));
		assertThat(event.sortAt()).isEqualTo(Instant.parse("2025-01-01T00:16:30Z"));
		assertThat(event.content().uri()).isEqualTo(ALICE_POST);
		assertThat(event.content().text()).isEqualTo("hello");
	}

	@Test
	void aPostWithAReplyRefIsAReplyEvenWhenItQuotes() {
		String reply = ", \"reply\": {\"root\": {\"uri\": \"%1$s\"}, \"parent\": {\"uri\": \"%1$s\"}}".formatted(BOB_POST);
		String quote = ", \"embed\": {\"$type\": \"app.bsky.embed.record#view\", \"record\": {\"uri\": \"%s\"}}"
			.formatted(BOB_POST);
		String context = ", \"reply\": {\"parent\": {\"uri\": \"%s\", \"author\": {\"did\": \"%s\", \"handle\": \"bob.test\"}}}"
			.formatted(BOB_POST, BOB);

		PostFetched plainReply = FeedItem.of(json("{\"post\": " + post(ALICE_POST, ALICE, reply, "") + context + "}"))
			.toEvent(META, ALICE);
		PostFetched quotingReply = FeedItem
			.of(json("{\"post\": " + post(ALICE_POST, ALICE, reply, quote) + context + "}"))
			.toEvent(META, ALICE);

		assertThat(plainReply.kind()).isEqualTo(PostKind.REPLY);
		assertThat(plainReply.content().reply().parentAuthorDid()).isEqualTo(BOB);
		assertThat(plainReply.content().reply().parentAuthorHandle()).isEqualTo("bob.test");
		assertThat(quotingReply.kind()).isEqualTo(PostKind.REPLY);
		assertThat(quotingReply.content().quotedUri()).isEqualTo(BOB_POST);
	}

	@Test
	void aPostEmbeddingARecordIsAQuote() {
		String quote = ", \"embed\": {\"$type\": \"app.bsky.embed.record#view\", \"record\": {\"uri\": \"%s\"}}"
			.formatted(BOB_POST);

		PostFetched event = FeedItem.of(json("{\"post\": " + post(ALICE_POST, ALICE, "", quote) + "}"))
			.toEvent(META, ALICE);

		assertThat(event.kind()).isEqualTo(PostKind.QUOTE);
		assertThat(event.content().quotedUri()).isEqualTo(BOB_POST);
	}

	@Test
	void aPostWithoutAValidCreatedAtIsDatedBySortTime() {
		JsonNode item = json("""
				{"post": {"uri": "%s", "cid": "bafyreicid", "author": {"did": "%s"},
				          "record": {"text": "x", "createdAt": "last tuesday"}, "indexedAt": "2025-01-01T00:16:30.000Z"}}
				""".formatted(ALICE_POST, ALICE));

		PostFetched event = FeedItem.of(item).toEvent(META, ALICE);

		assertThat(event.createdAt()).isEqualTo(Instant.parse("2025-01-01T00:16:30Z"));
		assertThat(event.content().createdAt()).isNull();
	}

	@Test
	void aRepostCarriesTheRepostedPostAndIsDatedByTheRepost() {
		PostFetched event = FeedItem.of(repostByBob()).toEvent(META, BOB);

		assertThat(event.did()).isEqualTo(BOB);
		assertThat(event.uri()).isEqualTo(BOB_REPOST);
		assertThat(event.cid()).isEqualTo("bafyreirepostcid");
		assertThat(event.kind()).isEqualTo(PostKind.REPOST);
		assertThat(event.createdAt()).isEqualTo(Instant.parse("2025-01-01T00:41:00Z"));
		assertThat(event.sortAt()).isEqualTo(Instant.parse("2025-01-01T00:41:00Z"));
		assertThat(event.content().uri()).isEqualTo(ALICE_POST);
		assertThat(event.content().cid()).isEqualTo("bafyreicid");
		assertThat(event.content().authorDid()).isEqualTo(ALICE);
		assertThat(event.content().createdAt()).isEqualTo(Instant.parse("2025-01-01T00:16:00Z"));
	}

	@Test
	void aRepostOfAReplyIsStillARepost() {
		String reply = ", \"reply\": {\"root\": {\"uri\": \"%1$s\"}, \"parent\": {\"uri\": \"%1$s\"}}".formatted(BOB_POST);
		JsonNode item = json("""
				{"post": %s,
				 "reason": {"$type": "app.bsky.feed.defs#reasonRepost", "by": {"did": "%s"}, "uri": "%s",
				            "cid": "bafyreirepostcid", "indexedAt": "2025-01-01T00:41:00.000Z"}}
				""".formatted(post(ALICE_POST, ALICE, reply, ""), BOB, BOB_REPOST));

		assertThat(FeedItem.of(item).toEvent(META, BOB).kind()).isEqualTo(PostKind.REPOST);
	}

	/** Modelled on fixture 65 (bob's author feed): bob reposts alice's post. */
	private static JsonNode repostByBob() {
		return json("""
				{"post": %s,
				 "reason": {"$type": "app.bsky.feed.defs#reasonRepost",
				            "by": {"did": "%s", "handle": "bob.test"},
				            "uri": "%s", "cid": "bafyreirepostcid", "indexedAt": "2025-01-01T00:41:00.000Z"}}
				""".formatted(post(ALICE_POST, ALICE, "", ""), BOB, BOB_REPOST));
	}

	/** A postView; {@code recordExtra} and {@code viewExtra} are extra members, each starting with a comma. */
	private static String post(String uri, String authorDid, String recordExtra, String viewExtra) {
		return """
				{"uri": "%s", "cid": "bafyreicid", "author": {"did": "%s", "handle": "someone.test"},
				 "record": {"$type": "app.bsky.feed.post", "text": "hello", "createdAt": "2025-01-01T00:16:00.000Z"%s},
				 "indexedAt": "2025-01-01T00:16:30.000Z"%s}
				""".formatted(uri, authorDid, recordExtra, viewExtra);
	}

	private static JsonNode json(String text) {
		return JSON.readTree(text);
	}

}
