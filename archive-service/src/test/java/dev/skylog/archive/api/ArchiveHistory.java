package dev.skylog.archive.api;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.skylog.events.EventMetadata;
import dev.skylog.events.SkylogEvent;
import dev.skylog.events.account.AccountLinked;
import dev.skylog.events.account.AccountSettings;
import dev.skylog.events.like.LikeFetched;
import dev.skylog.events.post.Facet;
import dev.skylog.events.post.LinkCard;
import dev.skylog.events.post.Media;
import dev.skylog.events.post.PostContent;
import dev.skylog.events.post.PostFetched;
import dev.skylog.events.post.PostKind;
import dev.skylog.events.post.ReplyRef;
import dev.skylog.events.profile.ProfileFetched;
import dev.skylog.events.sync.SyncCheckpoint;
import dev.skylog.events.sync.SyncCompleted;

/**
 * One account's history as the fetcher would publish it: Japanese and Latin posts, a reply, a quote, a repost,
 * hashtags, a mention, media, links, likes. The account lives in Tokyo, and its first post was made at
 * 15:30 UTC on 1 January 2025, which is already 2 January there.
 */
final class ArchiveHistory {

	static final String BOB = "did:plc:bob00000000000000000000";

	final String did = "did:plc:" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);

	final String handle = "a" + this.did.substring(8, 20) + ".test";

	final List<PostFetched> posts = new ArrayList<>();

	final Instant t0 = Instant.parse("2025-01-01T15:30:00Z");

	ArchiveHistory() {
		post("3a01", PostKind.POST, "今日は晴れ", 0, List.of(), List.of(), null, null, List.of("ja"));
		post("3a02", PostKind.POST, "東京タワーに行った #旅行", 60,
				List.of(new Facet(29, 38, Facet.Kind.TAG, "旅行")),
				List.of(new Media(Media.Kind.IMAGE, "夕焼けのタワー", "https://cdn/t1", "https://cdn/f1", 640, 480)), null,
				null, List.of("ja"));
		post("3a03", PostKind.POST, "Hello World from Skylog", 86_400, List.of(), List.of(),
				new LinkCard("https://skylog.dev", "Skylog", "", null), null, List.of("en-US"));
		post("3a04", PostKind.POST, "猫がかわいい 🐱", 2 * 86_400, List.of(), List.of(), null, null, List.of("ja"));
		post("3a05", PostKind.REPLY, "@bob.test おはよう", 3 * 86_400,
				List.of(new Facet(0, 9, Facet.Kind.MENTION, BOB)), List.of(), null,
				new ReplyRef("at://" + BOB + "/app.bsky.feed.post/3root", "at://" + BOB + "/app.bsky.feed.post/3root",
						BOB, "bob.test"),
				List.of("ja"));
		post("3a06", PostKind.POST, "=SUM(A1) ＡＢＣ全角と \"quoted\"", 40 * 86_400, List.of(), List.of(), null, null,
				List.of("ja"));
		post("3a07", PostKind.QUOTE, "100% の _確率_ #旅行", 365 * 86_400,
				List.of(new Facet(16, 25, Facet.Kind.TAG, "旅行")), List.of(), null, null, List.of("ja"));
		PostContent bobs = new PostContent("at://" + BOB + "/app.bsky.feed.post/3bob1", "bafybob", BOB, "bob.test",
				"Bob's post", List.of(), List.of("en"), List.of(), null, null, null, this.t0, null);
		this.posts.add(PostFetched.of(EventMetadata.now(), this.did, "at://" + this.did + "/app.bsky.feed.repost/3a08",
				"bafyrepost", PostKind.REPOST, at(366 * 86_400), at(366 * 86_400), bobs));
	}

	String postUri(String rkey) {
		return "at://" + this.did + "/app.bsky.feed.post/" + rkey;
	}

	List<SkylogEvent> events(AccountSettings.ArchiveVisibility visibility) {
		List<SkylogEvent> events = new ArrayList<>();
		events.add(AccountLinked.of(EventMetadata.now(), this.did, this.handle, URI.create("http://127.0.0.1:2583"), true,
				new AccountSettings(ZoneId.of("Asia/Tokyo"), visibility, true)));
		events.add(ProfileFetched.of(EventMetadata.now(), this.did, this.handle, "Alice テスト", "日記", null, null, 10, 5,
				8, List.of(), this.t0));
		events.addAll(this.posts);
		events.add(LikeFetched.of(EventMetadata.now(), this.did, "at://" + this.did + "/app.bsky.feed.like/3l01",
				"at://" + BOB + "/app.bsky.feed.post/3bob1", at(10), null));
		events.add(LikeFetched.of(EventMetadata.now(), this.did, "at://" + this.did + "/app.bsky.feed.like/3l02",
				"at://" + BOB + "/app.bsky.feed.post/3bob2", at(20), null));
		events.add(LikeFetched.of(EventMetadata.now(), this.did, "at://" + this.did + "/app.bsky.feed.like/3l03",
				"at://" + BOB + "/app.bsky.feed.post/3bob3", at(30), null));
		events.add(SyncCompleted.of(EventMetadata.now(), this.did, UUID.randomUUID(), SyncCheckpoint.empty(),
				this.posts.size(), 3, 4));
		return events;
	}

	Instant at(long secondsAfterT0) {
		return this.t0.plusSeconds(secondsAfterT0);
	}

	private void post(String rkey, PostKind kind, String text, long secondsAfterT0, List<Facet> facets,
			List<Media> media, LinkCard link, ReplyRef reply, List<String> langs) {
		String uri = postUri(rkey);
		Instant at = at(secondsAfterT0);
		String quoted = (kind == PostKind.QUOTE) ? "at://" + BOB + "/app.bsky.feed.post/3bob1" : null;
		this.posts.add(PostFetched.of(EventMetadata.now(), this.did, uri, "bafy" + rkey, kind, at, at,
				new PostContent(uri, "bafy" + rkey, this.did, this.handle, text, facets, langs, media, link, quoted,
						reply, at, new PostContent.Engagement(1, 2, 3, 4))));
	}

}
