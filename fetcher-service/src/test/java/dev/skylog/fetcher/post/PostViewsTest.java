package dev.skylog.fetcher.post;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.skylog.events.post.Facet;
import dev.skylog.events.post.LinkCard;
import dev.skylog.events.post.Media;
import dev.skylog.events.post.PostContent;
import dev.skylog.events.post.ReplyRef;
import dev.skylog.fetcher.bluesky.InvalidResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PostViewsTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ALICE = "did:plc:qju6sevdophfyhxkvo4o4xjp";

	private static final String BOB = "did:plc:ukcvvalgdqulkahgwqqpoyqj";

	private static final String POST_URI = "at://" + ALICE + "/app.bsky.feed.post/3lenbtodo2222";

	private static final String BOB_POST_URI = "at://" + BOB + "/app.bsky.feed.post/3lenb7yw2s222";

	private static final String MISSING = "{}";

	@Test
	void readsAWholePostView() {
		JsonNode post = json("""
				{
				  "uri": "%s",
				  "cid": "bafyreia3tltaq5qiezxnu2nocuaivzv3hlv2x5qlfknfrq6e4lfyefa3wq",
				  "author": {"did": "%s", "handle": "alice.test", "displayName": "Alice テスト"},
				  "record": {
				    "$type": "app.bsky.feed.post",
				    "text": "#日本語 @bob.test https://example.com",
				    "langs": ["ja", "en"],
				    "facets": [
				      {"index": {"byteStart": 0, "byteEnd": 10},
				       "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "日本語"}]},
				      {"index": {"byteStart": 11, "byteEnd": 20},
				       "features": [{"$type": "app.bsky.richtext.facet#mention", "did": "%s"}]},
				      {"index": {"byteStart": 21, "byteEnd": 40},
				       "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://example.com"}]}
				    ],
				    "createdAt": "2025-01-01T00:16:00.000Z"
				  },
				  "embed": {
				    "$type": "app.bsky.embed.images#view",
				    "images": [{"thumb": "https://cdn/thumb", "fullsize": "https://cdn/full", "alt": "red square",
				                "aspectRatio": {"width": 64, "height": 48}}]
				  },
				  "replyCount": 1, "repostCount": 2, "likeCount": 3, "quoteCount": 4,
				  "indexedAt": "2025-01-01T00:16:01.000Z"
				}
				""".formatted(POST_URI, ALICE, BOB));

		PostContent content = PostViews.content(post, json(MISSING));

		assertThat(content).isEqualTo(new PostContent(POST_URI,
				"bafyreia3tltaq5qiezxnu2nocuaivzv3hlv2x5qlfknfrq6e4lfyefa3wq", ALICE, "alice.test",
				"#日本語 @bob.test https://example.com",
				List.of(new Facet(0, 10, Facet.Kind.TAG, "日本語"), new Facet(11, 20, Facet.Kind.MENTION, BOB),
						new Facet(21, 40, Facet.Kind.LINK, "https://example.com")),
				List.of("ja", "en"),
				List.of(new Media(Media.Kind.IMAGE, "red square", "https://cdn/thumb", "https://cdn/full", 64, 48)),
				null, null, null, Instant.parse("2025-01-01T00:16:00Z"), new PostContent.Engagement(1, 2, 3, 4)));
	}

	@Test
	void aMinimalPostViewHasEmptyContentAndNoEngagement() {
		JsonNode post = json("""
				{"uri": "%s", "author": {"did": "%s"}}
				""".formatted(POST_URI, ALICE));

		assertThat(PostViews.content(post, json(MISSING))).isEqualTo(new PostContent(POST_URI, null, ALICE, null, "",
				List.of(), List.of(), List.of(), null, null, null, null, PostContent.Engagement.NONE));
	}

	@Test
	void negativeOrNonNumericCountsAreZero() {
		JsonNode post = json("""
				{"uri": "%s", "author": {"did": "%s"}, "replyCount": -5, "likeCount": null, "quoteCount": 7}
				""".formatted(POST_URI, ALICE));

		assertThat(PostViews.content(post, json(MISSING)).engagement())
			.isEqualTo(new PostContent.Engagement(0, 0, 0, 7));
	}

	@Test
	void aPostViewWithoutAnAtUriIsRefused() {
		assertThatExceptionOfType(InvalidResponseException.class)
			.isThrownBy(() -> PostViews.content(json("{\"author\": {\"did\": \"" + ALICE + "\"}}"), json(MISSING)))
			.withMessage("a post view without an AT URI");
		assertThatExceptionOfType(InvalidResponseException.class)
			.isThrownBy(() -> PostViews.content(
					json("{\"uri\": \"https://bsky.app/post\", \"author\": {\"did\": \"" + ALICE + "\"}}"),
					json(MISSING)))
			.withMessage("a post view without an AT URI");
	}

	@Test
	void aPostViewWithoutItsAuthorsDidIsRefused() {
		assertThatExceptionOfType(InvalidResponseException.class)
			.isThrownBy(() -> PostViews.content(json("{\"uri\": \"" + POST_URI + "\"}"), json(MISSING)))
			.withMessage("a post view without its author's DID: " + POST_URI);
		assertThatExceptionOfType(InvalidResponseException.class)
			.isThrownBy(() -> PostViews.content(
					json("{\"uri\": \"" + POST_URI + "\", \"author\": {\"did\": \"alice.test\"}}"), json(MISSING)))
			.withMessage("a post view without its author's DID: " + POST_URI);
	}

	@Test
	void facetsWithoutAValidByteRangeAreLeftOut() {
		JsonNode record = json("""
				{"facets": [
				  {"index": {"byteStart": -1, "byteEnd": 3}, "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "a"}]},
				  {"index": {"byteStart": 5, "byteEnd": 4}, "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "b"}]},
				  {"index": {"byteEnd": 4}, "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "c"}]},
				  {"features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "d"}]},
				  {"index": {"byteStart": 4, "byteEnd": 4}, "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "e"}]}
				]}
				""");

		assertThat(PostViews.facets(record)).containsExactly(new Facet(4, 4, Facet.Kind.TAG, "e"));
	}

	@Test
	void everyKnownFeatureOfAFacetBecomesAFacetAndUnknownOnesAreLeftOut() {
		JsonNode record = json("""
				{"facets": [{"index": {"byteStart": 0, "byteEnd": 8}, "features": [
				  {"$type": "app.bsky.richtext.facet#tag", "tag": "devnet"},
				  {"$type": "app.bsky.richtext.facet#link", "uri": "https://example.com"},
				  {"$type": "app.bsky.richtext.facet#bold"},
				  {"$type": "app.bsky.richtext.facet#mention", "did": 42},
				  {"tag": "untyped"}
				]}]}
				""");

		assertThat(PostViews.facets(record)).containsExactly(new Facet(0, 8, Facet.Kind.TAG, "devnet"),
				new Facet(0, 8, Facet.Kind.LINK, "https://example.com"));
	}

	@Test
	void outlineTagsBecomeTagsWithoutAByteRange() {
		JsonNode record = json("""
				{"facets": [{"index": {"byteStart": 0, "byteEnd": 4}, "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "inline"}]}],
				 "tags": ["outline", 7, "別のタグ"]}
				""");

		assertThat(PostViews.facets(record)).containsExactly(new Facet(0, 4, Facet.Kind.TAG, "inline"),
				new Facet(0, 0, Facet.Kind.TAG, "outline"), new Facet(0, 0, Facet.Kind.TAG, "別のタグ"));
	}

	@Test
	void imagesWithoutAltOrAspectRatioGetDefaults() {
		JsonNode embed = json("""
				{"$type": "app.bsky.embed.images#view", "images": [
				  {"thumb": "https://cdn/t1", "fullsize": "https://cdn/f1", "alt": "red"},
				  {"thumb": "https://cdn/t2", "fullsize": "https://cdn/f2"}
				]}
				""");

		assertThat(PostViews.media(embed)).containsExactly(
				new Media(Media.Kind.IMAGE, "red", "https://cdn/t1", "https://cdn/f1", 0, 0),
				new Media(Media.Kind.IMAGE, "", "https://cdn/t2", "https://cdn/f2", 0, 0));
	}

	@Test
	void aVideoViewIsOneVideo() {
		JsonNode embed = json("""
				{"$type": "app.bsky.embed.video#view", "cid": "bafkrei", "playlist": "https://video/playlist.m3u8",
				 "thumbnail": "https://video/thumb.jpg", "alt": "a cat", "aspectRatio": {"width": 1920, "height": 1080}}
				""");

		assertThat(PostViews.media(embed)).containsExactly(new Media(Media.Kind.VIDEO, "a cat",
				"https://video/thumb.jpg", "https://video/playlist.m3u8", 1920, 1080));
	}

	@Test
	void aQuoteWithMediaHasTheMediaAndTheQuotedPost() {
		JsonNode embed = json("""
				{"$type": "app.bsky.embed.recordWithMedia#view",
				 "media": {"$type": "app.bsky.embed.images#view", "images": [
				   {"thumb": "https://cdn/t", "fullsize": "https://cdn/f", "alt": "blue square", "aspectRatio": {"width": 64, "height": 64}}]},
				 "record": {"record": {"$type": "app.bsky.embed.record#viewRecord", "uri": "%s", "cid": "bafyrei"}}}
				""".formatted(BOB_POST_URI));

		assertThat(PostViews.media(embed)).containsExactly(
				new Media(Media.Kind.IMAGE, "blue square", "https://cdn/t", "https://cdn/f", 64, 64));
		assertThat(PostViews.link(embed)).isNull();
		assertThat(PostViews.quotedUri(embed)).isEqualTo(BOB_POST_URI);
	}

	@Test
	void aQuoteWithALinkCardHasTheCard() {
		JsonNode embed = json("""
				{"$type": "app.bsky.embed.recordWithMedia#view",
				 "media": {"$type": "app.bsky.embed.external#view",
				   "external": {"uri": "https://example.com/a", "title": "A", "description": "About A", "thumb": "https://cdn/a"}},
				 "record": {"record": {"$type": "app.bsky.embed.record#viewRecord", "uri": "%s"}}}
				""".formatted(BOB_POST_URI));

		assertThat(PostViews.link(embed)).isEqualTo(new LinkCard("https://example.com/a", "A", "About A", "https://cdn/a"));
		assertThat(PostViews.media(embed)).isEmpty();
		assertThat(PostViews.quotedUri(embed)).isEqualTo(BOB_POST_URI);
	}

	@Test
	void anExternalViewIsALinkCard() {
		JsonNode embed = json("""
				{"$type": "app.bsky.embed.external#view",
				 "external": {"uri": "https://example.com/article", "title": "Example article", "description": "An external link card (no thumb)"}}
				""");

		assertThat(PostViews.link(embed)).isEqualTo(new LinkCard("https://example.com/article", "Example article",
				"An external link card (no thumb)", null));
		assertThat(PostViews.media(embed)).isEmpty();
		assertThat(PostViews.quotedUri(embed)).isNull();
	}

	@Test
	void anExternalViewWithoutAUriIsNoLinkCard() {
		assertThat(PostViews.link(json("""
				{"$type": "app.bsky.embed.external#view", "external": {"title": "No link"}}
				"""))).isNull();
	}

	@Test
	void aRecordViewIsAQuote() {
		String view = """
				{"$type": "app.bsky.embed.record#view",
				 "record": {"$type": "app.bsky.embed.record#viewRecord", "uri": "%s", "value": {"text": "Bob post 2"}}}
				""".formatted(BOB_POST_URI);
		JsonNode embed = json(view);

		assertThat(PostViews.quotedUri(embed)).isEqualTo(BOB_POST_URI);
		assertThat(PostViews.media(embed)).isEmpty();
		assertThat(PostViews.link(embed)).isNull();
		assertThat(PostViews.isQuote(json("{\"embed\": " + view + "}"))).isTrue();
	}

	@Test
	void aQuoteOfADeletedPostStillNamesIt() {
		JsonNode embed = json("""
				{"$type": "app.bsky.embed.record#view",
				 "record": {"$type": "app.bsky.embed.record#viewNotFound", "uri": "%s", "notFound": true}}
				""".formatted(BOB_POST_URI));

		assertThat(PostViews.quotedUri(embed)).isEqualTo(BOB_POST_URI);
	}

	@Test
	void unknownOrRecordLevelEmbedTypesAreLeftOut() {
		for (String embed : List.of("{\"$type\": \"app.bsky.embed.gallery#view\", \"images\": [{\"thumb\": \"x\"}]}",
				"{\"$type\": \"app.bsky.embed.images\", \"images\": [{\"thumb\": \"x\"}]}",
				"{\"images\": [{\"thumb\": \"x\"}]}", MISSING)) {
			JsonNode node = json(embed);

			assertThat(PostViews.media(node)).as(embed).isEmpty();
			assertThat(PostViews.link(node)).as(embed).isNull();
			assertThat(PostViews.quotedUri(node)).as(embed).isNull();
		}
		assertThat(PostViews.isQuote(json(MISSING))).isFalse();
	}

	@Test
	void aReplyNamesRootParentAndTheParentsAuthor() {
		JsonNode record = json("""
				{"reply": {
				  "root": {"cid": "bafyrei1", "uri": "at://%1$s/app.bsky.feed.post/root"},
				  "parent": {"cid": "bafyrei2", "uri": "at://%1$s/app.bsky.feed.post/parent"}}}
				""".formatted(ALICE));
		JsonNode context = json("""
				{"root": {"uri": "at://%1$s/app.bsky.feed.post/root"},
				 "parent": {"$type": "app.bsky.feed.defs#postView", "uri": "at://%1$s/app.bsky.feed.post/parent",
				            "author": {"did": "%1$s", "handle": "alice.test"}}}
				""".formatted(ALICE));

		assertThat(PostViews.reply(record, context)).isEqualTo(new ReplyRef("at://" + ALICE + "/app.bsky.feed.post/root",
				"at://" + ALICE + "/app.bsky.feed.post/parent", ALICE, "alice.test"));
	}

	@Test
	void aReplyToADeletedParentHasNoParentAuthor() {
		JsonNode record = json("""
				{"reply": {"root": {"uri": "at://%1$s/app.bsky.feed.post/root"}, "parent": {"uri": "at://%1$s/app.bsky.feed.post/gone"}}}
				""".formatted(ALICE));
		JsonNode context = json("""
				{"parent": {"$type": "app.bsky.feed.defs#notFoundPost", "uri": "at://%s/app.bsky.feed.post/gone", "notFound": true}}
				""".formatted(ALICE));

		assertThat(PostViews.reply(record, context)).isEqualTo(new ReplyRef("at://" + ALICE + "/app.bsky.feed.post/root",
				"at://" + ALICE + "/app.bsky.feed.post/gone", null, null));
		assertThat(PostViews.reply(record, json(MISSING)).parentAuthorDid()).isNull();
	}

	@Test
	void aRecordWithoutAReplyObjectIsNoReply() {
		assertThat(PostViews.reply(json(MISSING), json(MISSING))).isNull();
		assertThat(PostViews.reply(json("{\"reply\": \"at://x\"}"), json(MISSING))).isNull();
	}

	@Test
	void instantParsesAtprotoDatetimesAndForgivesMalformedOnes() {
		assertThat(PostViews.instant("2025-01-01T00:16:00.000Z")).isEqualTo(Instant.parse("2025-01-01T00:16:00Z"));
		assertThat(PostViews.instant("2025-01-01T09:16:00.000+09:00")).isEqualTo(Instant.parse("2025-01-01T00:16:00Z"));
		assertThat(PostViews.instant(null)).isNull();
		assertThat(PostViews.instant("")).isNull();
		assertThat(PostViews.instant("yesterday")).isNull();
		assertThat(PostViews.instant("2025-01-01")).isNull();
	}

	@Test
	void textReadsOnlyStringFields() {
		JsonNode node = json("{\"s\": \"value\", \"n\": 5, \"b\": true, \"z\": null, \"o\": {}}");

		assertThat(PostViews.text(node, "s")).isEqualTo("value");
		assertThat(PostViews.text(node, "n")).isNull();
		assertThat(PostViews.text(node, "b")).isNull();
		assertThat(PostViews.text(node, "z")).isNull();
		assertThat(PostViews.text(node, "o")).isNull();
		assertThat(PostViews.text(node, "absent")).isNull();
	}

	@Test
	void stringsKeepsOnlyTheStringsOfAnArray() {
		assertThat(PostViews.strings(json("[\"ja\", 1, null, \"en\"]"))).containsExactly("ja", "en");
		assertThat(PostViews.strings(json(MISSING).path("langs"))).isEmpty();
	}

	private static JsonNode json(String text) {
		return JSON.readTree(text);
	}

}
