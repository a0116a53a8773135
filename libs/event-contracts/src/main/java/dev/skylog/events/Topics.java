package dev.skylog.events;

import java.time.Duration;
import java.util.List;

import dev.skylog.events.account.AccountEvent;
import dev.skylog.events.like.LikeEvent;
import dev.skylog.events.post.PostEvent;
import dev.skylog.events.profile.ProfileFetched;
import dev.skylog.events.sync.SyncRequested;
import dev.skylog.events.sync.SyncStatusEvent;

/**
 * The one place that names Skylog's topics. Every producer and consumer refers to a constant here, never to
 * a string of its own.
 *
 * <p>The topics archive and stats are rebuilt from keep their records for ever ({@code retention.ms=-1})
 * rather than being compacted: a replay must see deletions as events of their own, in order, so that stats
 * can subtract them, and compaction would also fold a repost, an un-repost and a new repost of one post into
 * one record. See the README's "Event log" section.
 */
public final class Topics {

	public static final String DEAD_LETTER_SUFFIX = ".dlt";

	public static final TopicSpec<AccountEvent> ACCOUNTS = TopicSpec.replayable(Names.ACCOUNTS,
			AccountEvent.class, 6, "AccountLinked, AccountSettingsChanged, AccountReauthRequired, AccountDeleted (auth-service)");

	public static final TopicSpec<SyncRequested> SYNC_REQUESTS = TopicSpec.expiring(Names.SYNC_REQUESTS,
			SyncRequested.class, 6, Duration.ofDays(7), "SyncRequested (sync-scheduler → fetcher-service)");

	public static final TopicSpec<SyncStatusEvent> SYNC_STATUS = TopicSpec.expiring(Names.SYNC_STATUS,
			SyncStatusEvent.class, 6, Duration.ofDays(7),
			"SyncProgress, SyncCompleted, SyncFailed (fetcher-service → sync-scheduler)");

	public static final TopicSpec<ProfileFetched> PROFILES = TopicSpec.replayable(Names.PROFILES,
			ProfileFetched.class, 6, "ProfileFetched (fetcher-service)");

	public static final TopicSpec<PostEvent> POSTS = TopicSpec.replayable(Names.POSTS, PostEvent.class, 12,
			"PostFetched, PostDeleted (fetcher-service)");

	public static final TopicSpec<LikeEvent> LIKES = TopicSpec.replayable(Names.LIKES, LikeEvent.class, 12,
			"LikeFetched, LikeDeleted (fetcher-service)");

	public static final List<TopicSpec<?>> ALL = List.of(ACCOUNTS, SYNC_REQUESTS, SYNC_STATUS, PROFILES, POSTS,
			LIKES);

	private Topics() {
	}

	/**
	 * The names again, as compile-time constants for annotations ({@code @KafkaListener(topics = Names.POSTS)});
	 * everything else takes them from the specs above.
	 */
	public static final class Names {

		public static final String ACCOUNTS = "skylog.accounts.v1";

		public static final String SYNC_REQUESTS = "skylog.sync-requests.v1";

		public static final String SYNC_STATUS = "skylog.sync-status.v1";

		public static final String PROFILES = "skylog.profiles.v1";

		public static final String POSTS = "skylog.posts.v1";

		public static final String LIKES = "skylog.likes.v1";

		private Names() {
		}

	}

	/** The topic an event belongs on: exactly one, which {@code EventContractTest} checks for every type. */
	@SuppressWarnings("unchecked")
	public static <V extends SkylogEvent> TopicSpec<? super V> of(V event) {
		return (TopicSpec<? super V>) ALL.stream()
			.filter((spec) -> spec.valueType().isInstance(event))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no topic for " + event.getClass().getSimpleName()));
	}

	public static String deadLetterTopic(String topic) {
		return topic + DEAD_LETTER_SUFFIX;
	}

}
