package dev.skylog.bench;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import dev.skylog.events.EventMetadata;
import dev.skylog.events.account.AccountLinked;
import dev.skylog.events.account.AccountSettings;
import dev.skylog.events.post.Facet;
import dev.skylog.events.post.Media;
import dev.skylog.events.post.PostContent;
import dev.skylog.events.post.PostFetched;
import dev.skylog.events.post.PostKind;
import dev.skylog.events.post.ReplyRef;

/**
 * Deterministic posts shaped like the devnet's: mostly Japanese, some English, hashtags, mentions, images,
 * replies, quotes and reposts, one every few minutes going back years. The same seed gives the same history.
 */
final class SyntheticHistory {

	/** Words drawn into posts; the benchmark searches for some of them. */
	static final List<String> WORDS = List.of("今日", "東京", "猫", "雨", "仕事", "ラーメン", "コーヒー", "電車", "桜", "映画",
			"天気", "週末", "友達", "音楽", "散歩", "写真", "夕焼け", "花火", "温泉", "旅行", "本", "夢", "朝ごはん", "会議", "新幹線",
			"京都", "大阪", "北海道", "富士山", "海", "空", "星", "月", "犬", "鳥", "ありがとう", "おはよう", "おやすみ", "楽しい",
			"嬉しい", "眠い", "忙しい", "美味しい", "すごい", "Bluesky", "Skylog", "hello", "world", "coffee", "train",
			"weekend", "music", "photo", "sunset", "today", "tomorrow", "thanks", "good", "morning", "night");

	private static final List<String> TAGS = List.of("日記", "猫", "旅行", "写真", "ラーメン", "bluesky", "music");

	private final SplittableRandom random;

	private final int accounts;

	private final int postsPerAccount;

	private final Instant newest = Instant.parse("2026-11-01T00:00:00Z");

	SyntheticHistory(long seed, int accounts, int postsPerAccount) {
		this.random = new SplittableRandom(seed);
		this.accounts = accounts;
		this.postsPerAccount = postsPerAccount;
	}

	static String did(int account) {
		return String.format("did:plc:bench%019d", account);
	}

	static String handle(int account) {
		return "bench" + account + ".test";
	}

	AccountLinked account(int account) {
		return AccountLinked.of(EventMetadata.now(), did(account), handle(account), URI.create("http://127.0.0.1:2583"),
				true, new AccountSettings(ZoneId.of("Asia/Tokyo"), AccountSettings.ArchiveVisibility.PUBLIC, true));
	}

	/** The {@code index}-th post of {@code account}, the newest first, ten minutes apart. */
	PostFetched post(int account, int index) {
		String did = did(account);
		Instant at = this.newest.minusSeconds(600L * index + account);
		String rkey = "3b" + Integer.toString(account, 36) + "x" + Integer.toString(index, 36);
		int roll = this.random.nextInt(100);
		PostKind kind = (roll < 70) ? PostKind.POST : (roll < 85) ? PostKind.REPLY : (roll < 92) ? PostKind.QUOTE
				: PostKind.REPOST;
		String other = did((account + 1) % this.accounts);
		String author = (kind == PostKind.REPOST) ? other : did;
		String postUri = "at://" + author + "/app.bsky.feed.post/" + rkey;
		String uri = (kind == PostKind.REPOST) ? "at://" + did + "/app.bsky.feed.repost/" + rkey : postUri;
		List<Facet> facets = new ArrayList<>();
		StringBuilder text = new StringBuilder();
		int words = 3 + this.random.nextInt(10);
		for (int i = 0; i < words; i++) {
			String word = WORDS.get(this.random.nextInt(WORDS.size()));
			text.append(word).append(word.chars().allMatch((c) -> c < 128) ? " " : (this.random.nextInt(3) == 0) ? "、" : "");
		}
		if (this.random.nextInt(5) == 0) {
			String tag = TAGS.get(this.random.nextInt(TAGS.size()));
			facets.add(new Facet(0, 0, Facet.Kind.TAG, tag));
			text.append(" #").append(tag);
		}
		if (kind == PostKind.REPLY) {
			facets.add(new Facet(0, 0, Facet.Kind.MENTION, other));
		}
		List<Media> media = (this.random.nextInt(10) == 0)
				? List.of(new Media(Media.Kind.IMAGE, "写真", "https://cdn.example/t/" + rkey, "https://cdn.example/f/" + rkey,
						1000, 750))
				: List.of();
		ReplyRef reply = (kind == PostKind.REPLY) ? new ReplyRef("at://" + other + "/app.bsky.feed.post/root",
				"at://" + other + "/app.bsky.feed.post/parent", other, handle((account + 1) % this.accounts)) : null;
		PostContent content = new PostContent(postUri, "bafy" + rkey, author, handle(account), text.toString(), facets,
				List.of("ja"), media, null,
				(kind == PostKind.QUOTE) ? "at://" + other + "/app.bsky.feed.post/quoted" : null, reply, at,
				new PostContent.Engagement(this.random.nextInt(5), this.random.nextInt(5), this.random.nextInt(20), 0));
		return new PostFetched(UUID.randomUUID(), PostFetched.SCHEMA_VERSION, Instant.now(), did, uri, "bafy" + rkey,
				kind, at, at, content);
	}

}
