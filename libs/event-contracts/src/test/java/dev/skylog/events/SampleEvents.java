package dev.skylog.events;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import dev.skylog.events.account.AccountDeleted;
import dev.skylog.events.account.AccountLinked;
import dev.skylog.events.account.AccountReauthRequired;
import dev.skylog.events.account.AccountSettings;
import dev.skylog.events.account.AccountSettingsChanged;
import dev.skylog.events.like.LikeDeleted;
import dev.skylog.events.like.LikeFetched;
import dev.skylog.events.post.Facet;
import dev.skylog.events.post.LinkCard;
import dev.skylog.events.post.Media;
import dev.skylog.events.post.PostContent;
import dev.skylog.events.post.PostDeleted;
import dev.skylog.events.post.PostFetched;
import dev.skylog.events.post.PostKind;
import dev.skylog.events.post.ReplyRef;
import dev.skylog.events.profile.ProfileFetched;
import dev.skylog.events.sync.SyncCheckpoint;
import dev.skylog.events.sync.SyncCompleted;
import dev.skylog.events.sync.SyncFailed;
import dev.skylog.events.sync.SyncProgress;
import dev.skylog.events.sync.SyncRequested;

/** One fully populated, realistic instance of every event type (shapes taken from the devnet seed). */
final class SampleEvents {

	static final String ALICE = "did:plc:rsq5x6quvmwfoiq2oxomslop";

	static final String BOB = "did:plc:kzng7o5hvvcxox6gcmrizfhj";

	static final Instant T0 = Instant.parse("2025-01-01T00:03:00Z");

	private SampleEvents() {
	}

	static EventMetadata meta() {
		return new EventMetadata(UUID.randomUUID(), Instant.parse("2026-11-28T10:00:00Z"));
	}

	static PostContent japanesePost() {
		String uri = "at://" + ALICE + "/app.bsky.feed.post/3lenb7xbgs222";
		return new PostContent(uri, "bafyreia2uu3sx", ALICE, "alice.test",
				"ハッシュタグのテストです #日本語 #テスト @bob.test https://example.com",
				List.of(new Facet(31, 41, Facet.Kind.TAG, "日本語"), new Facet(42, 52, Facet.Kind.TAG, "テスト"),
						new Facet(53, 62, Facet.Kind.MENTION, BOB),
						new Facet(63, 82, Facet.Kind.LINK, "https://example.com")),
				List.of("ja"),
				List.of(new Media(Media.Kind.IMAGE, "夕焼けの写真", "http://localhost:2584/img/feed_thumbnail/plain/x/y",
						"http://localhost:2584/img/feed_fullsize/plain/x/y", 1200, 800)),
				new LinkCard("https://example.com", "Example", "An example page", null), null, null, T0,
				new PostContent.Engagement(1, 2, 6, 1));
	}

	static List<SkylogEvent> all() {
		SyncCheckpoint checkpoint = new SyncCheckpoint(T0, japanesePost().uri(), "1735691400000__bafyreia2uu3s",
				"at://" + ALICE + "/app.bsky.feed.like/3lenckw7es222", null, List.of(japanesePost().uri()));
		UUID syncId = UUID.randomUUID();
		PostContent reply = new PostContent("at://" + ALICE + "/app.bsky.feed.post/3lenbbs54k222", null, ALICE,
				"alice.test", "@bob.test おはよう", List.of(), List.of(), List.of(), null, null,
				new ReplyRef("at://" + BOB + "/app.bsky.feed.post/3lenb67oz2222",
						"at://" + BOB + "/app.bsky.feed.post/3lenb67oz2222", BOB, "bob.test"),
				T0, null);
		PostContent quote = new PostContent("at://" + ALICE + "/app.bsky.feed.post/3lenbcquote22", "bafyquote", ALICE,
				"alice.test", "Quote + video", List.of(), List.of("en"),
				List.of(new Media(Media.Kind.VIDEO, "a short clip", "http://localhost:2584/video/thumb.jpg",
						"http://localhost:2584/video/playlist.m3u8", 1920, 1080)),
				new LinkCard("https://example.com/a", "A", "", "http://localhost:2584/img/thumb.jpg"),
				"at://" + BOB + "/app.bsky.feed.post/3lenb67oz2222", null, T0, null);
		return List.of(
				AccountLinked.of(meta(), ALICE, "alice.test", URI.create("http://localhost:2583"), true,
						AccountSettings.defaults()),
				AccountSettingsChanged.of(meta(), ALICE,
						new AccountSettings(ZoneId.of("Asia/Tokyo"), AccountSettings.ArchiveVisibility.PRIVATE, false)),
				AccountReauthRequired.of(meta(), ALICE, "ExpiredToken: Token has been revoked"),
				AccountDeleted.of(meta(), ALICE, AccountDeleted.Reason.USER_REQUEST),
				SyncRequested.of(meta(), ALICE, syncId, SyncRequested.Trigger.LOGIN, T0.plusSeconds(600),
						SyncCheckpoint.empty()),
				SyncProgress.of(meta(), ALICE, syncId, checkpoint, 100, 0),
				SyncCompleted.of(meta(), ALICE, syncId, checkpoint, 31, 3, 3),
				SyncFailed.of(meta(), ALICE, syncId, SyncFailed.Reason.RATE_LIMITED, "429 for 61 s", true),
				ProfileFetched.of(meta(), ALICE, "alice.test", "Alice テスト", "日本語のプロフィール", null, null, 1, 1, 30,
						List.of("!no-unauthenticated"), T0),
				PostFetched.of(meta(), ALICE, japanesePost().uri(), japanesePost().cid(), PostKind.POST, T0, T0,
						japanesePost()),
				PostFetched.of(meta(), ALICE, reply.uri(), reply.cid(), PostKind.REPLY, T0, T0, reply),
				PostFetched.of(meta(), ALICE, quote.uri(), quote.cid(), PostKind.QUOTE, T0, T0, quote),
				PostFetched.of(meta(), BOB, "at://" + BOB + "/app.bsky.feed.repost/3lenbdxxxx222", "bafyrepost",
						PostKind.REPOST, T0, T0.plusSeconds(60), japanesePost()),
				PostDeleted.of(meta(), ALICE, japanesePost().uri()),
				LikeFetched.of(meta(), BOB, "at://" + BOB + "/app.bsky.feed.like/3lenckw7es222", japanesePost().uri(),
						T0, japanesePost()),
				LikeFetched.of(meta(), BOB, "at://" + BOB + "/app.bsky.feed.like/3lenckw7es223",
						"at://" + ALICE + "/app.bsky.feed.post/3gone", T0, null),
				LikeDeleted.of(meta(), BOB, "at://" + BOB + "/app.bsky.feed.like/3lenckw7es222"));
	}

}
