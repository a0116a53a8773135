package dev.skylog.fetcher.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import dev.skylog.atproto.AtprotoClient;
import dev.skylog.atproto.xrpc.XrpcException;
import dev.skylog.atproto.xrpc.XrpcResult;
import dev.skylog.events.EventMetadata;
import dev.skylog.events.SkylogEvent;
import dev.skylog.events.TopicSpec;
import dev.skylog.events.Topics;
import dev.skylog.events.kafka.EventPublisher;
import dev.skylog.events.post.PostDeleted;
import dev.skylog.events.sync.SyncCheckpoint;
import dev.skylog.events.sync.SyncCompleted;
import dev.skylog.events.sync.SyncProgress;
import dev.skylog.events.sync.SyncRequested;
import dev.skylog.fetcher.bluesky.BlueskyCalls;
import dev.skylog.fetcher.like.LikedPost;
import dev.skylog.fetcher.post.FeedItem;
import dev.skylog.fetcher.profile.ProfileViews;
import dev.skylog.fetcher.token.AccessTokenClient;
import dev.skylog.fetcher.token.AccessTokenClient.Grant;

/**
 * One sync of one account: its profile, then its author feed and its likes, newest first, back to where the
 * last sync stopped (or to the very first post). Records are published before the progress that covers them,
 * so a checkpoint never points past anything that is not on Kafka yet.
 */
final class SyncJob {

	private final SyncRequested request;

	private final BlueskyCalls bluesky;

	private final AccessTokenClient tokens;

	private final EventPublisher publisher;

	private final SyncProperties properties;

	private final int pageSize;

	private final Clock clock;

	private final AtomicReference<Grant> grant = new AtomicReference<>();

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicInteger posts = new AtomicInteger();

	private final AtomicInteger likes = new AtomicInteger();

	private SyncCheckpoint checkpoint;

	private volatile Instant startedAt;

	SyncJob(SyncRequested request, BlueskyCalls bluesky, AccessTokenClient tokens, EventPublisher publisher,
			SyncProperties properties, int pageSize, Clock clock) {
		this.request = request;
		this.bluesky = bluesky;
		this.tokens = tokens;
		this.publisher = publisher;
		this.properties = properties;
		this.pageSize = pageSize;
		this.clock = clock;
		this.checkpoint = request.checkpoint();
	}

	Mono<SyncCompleted> run() {
		String did = this.request.did();
		this.startedAt = this.clock.instant();
		return this.tokens.tokenFor(did, false)
			.doOnNext(this.grant::set)
			.then(Mono.defer(this::profile))
			.then(Mono.defer(this::posts))
			.then(Mono.defer(this::likes))
			.then(Mono.fromSupplier(() -> SyncCompleted.of(meta(), did, this.request.syncId(), this.checkpoint,
					this.posts.get(), this.likes.get(), this.requests.get())));
	}

	int requests() {
		return this.requests.get();
	}

	private Mono<Void> profile() {
		return call(AtprotoClient.GET_PROFILE, Map.of("actor", this.request.did()))
			.flatMap((result) -> publish(Topics.PROFILES, ProfileViews.toEvent(fetched(), this.request.did(), result.body())));
	}

	/**
	 * The author feed, newest first. A first sync (no checkpoint) reads it to the end, reporting progress after
	 * every page; a later one stops at the first entry older than the checkpoint minus the overlap, skipping
	 * entries it saw last time.
	 */
	private Mono<Void> posts() {
		SyncCheckpoint start = this.checkpoint;
		boolean resuming = start.postsResumeCursor() != null;
		boolean firstSync = start.newestPostSortAt() == null || resuming;
		Instant stopBelow = firstSync ? null : start.newestPostSortAt().minus(this.properties.overlap());
		Set<String> known = new HashSet<>(start.recentPostUris());
		if (start.newestPostUri() != null) {
			known.add(start.newestPostUri());
		}
		Map<String, Instant> seen = new LinkedHashMap<>();
		AtomicReference<Instant> newest = new AtomicReference<>(resuming ? start.newestPostSortAt() : null);
		AtomicReference<String> newestUri = new AtomicReference<>(resuming ? start.newestPostUri() : null);
		AtomicBoolean windowRead = new AtomicBoolean();
		return pages(AtprotoClient.GET_AUTHOR_FEED, start.postsResumeCursor(), (page) -> {
			List<SkylogEvent> events = new ArrayList<>();
			boolean reachedKnown = false;
			for (JsonNode node : page.body().path("feed")) {
				FeedItem item = FeedItem.of(node);
				if (item.isPinned()) {
					continue;
				}
				if (stopBelow != null && item.sortAt().isBefore(stopBelow)) {
					reachedKnown = true;
					break;
				}
				seen.put(item.uri(), item.sortAt());
				if (newest.get() == null || item.sortAt().isAfter(newest.get())) {
					newest.set(item.sortAt());
					newestUri.set(item.uri());
				}
				if (!known.contains(item.uri())) {
					events.add(item.toEvent(fetched(), this.request.did()));
				}
			}
			this.posts.addAndGet(events.size());
			boolean last = reachedKnown || page.cursor() == null;
			windowRead.set(last);
			if (!firstSync) {
				return new Page(!last, publishAll(events));
			}
			this.checkpoint = postsCheckpoint(start, newest.get(), newestUri.get(), last ? null : page.cursor(), seen);
			return new Page(!last, publishAll(events).then(progress()));
		}).then(Mono.defer(() -> {
			Set<String> deleted = (!firstSync && windowRead.get()) ? gone(known, seen.keySet()) : Set.of();
			SyncCheckpoint kept = withoutPosts(start, deleted);
			Instant top = (newest.get() != null && (kept.newestPostSortAt() == null
					|| newest.get().isAfter(kept.newestPostSortAt()))) ? newest.get() : kept.newestPostSortAt();
			String topUri = (top == newest.get()) ? newestUri.get() : kept.newestPostUri();
			this.checkpoint = postsCheckpoint(kept, top, topUri, null, seen);
			return publishAll(deleted.stream()
				.map((uri) -> (SkylogEvent) PostDeleted.of(fetched(), this.request.did(), uri))
				.toList());
		}));
	}

	/**
	 * What the last sync saw in the overlap window and this one, having read the whole window again, did not:
	 * deleted on Bluesky (or un-reposted). The feed only shows what exists, so this is the one place a deletion
	 * becomes visible; posts older than the window are not checked.
	 */
	private static Set<String> gone(Set<String> known, Set<String> seen) {
		Set<String> gone = new java.util.LinkedHashSet<>(known);
		gone.removeAll(seen);
		return gone;
	}

	private static SyncCheckpoint withoutPosts(SyncCheckpoint start, Set<String> deleted) {
		if (deleted.isEmpty()) {
			return start;
		}
		boolean newestGone = deleted.contains(start.newestPostUri());
		return new SyncCheckpoint(newestGone ? null : start.newestPostSortAt(), newestGone ? null : start.newestPostUri(),
				start.postsResumeCursor(), start.newestLikeUri(), start.likesResumeCursor(),
				start.recentPostUris().stream().filter((uri) -> !deleted.contains(uri)).toList());
	}

	/** The account's likes, newest first, back to the newest like the last sync saw. */
	private Mono<Void> likes() {
		SyncCheckpoint start = this.checkpoint;
		boolean resuming = start.likesResumeCursor() != null;
		String stopAt = resuming ? null : start.newestLikeUri();
		// The newest like may have been taken back since; then its time, minus the overlap, is where to stop.
		Instant stopBelow = (stopAt != null)
				? LikedPost.likedAt(stopAt).minus(this.properties.overlap()) : null;
		AtomicReference<String> newest = new AtomicReference<>(resuming ? start.newestLikeUri() : null);
		return pages(AtprotoClient.GET_ACTOR_LIKES, start.likesResumeCursor(), (page) -> {
			List<SkylogEvent> events = new ArrayList<>();
			boolean reachedKnown = false;
			for (JsonNode node : page.body().path("feed")) {
				LikedPost liked = LikedPost.of(node);
				if (liked.likeUri().equals(stopAt) || (stopBelow != null && liked.likedAt().isBefore(stopBelow))) {
					reachedKnown = true;
					break;
				}
				newest.compareAndSet(null, liked.likeUri());
				events.add(liked.toEvent(fetched(), this.request.did()));
			}
			this.likes.addAndGet(events.size());
			boolean last = reachedKnown || page.cursor() == null;
			String top = (newest.get() != null) ? newest.get() : start.newestLikeUri();
			this.checkpoint = withLikes(this.checkpoint, top, last ? null : page.cursor());
			return new Page(!last, (stopAt == null) ? publishAll(events).then(progress()) : publishAll(events));
		});
	}

	/**
	 * Pages through a feed. {@code page} reads one page at once and answers whether to read the next, and the
	 * publishing of what it found; only a missing cursor ends a feed, not a short page. The next page is asked
	 * for while the broker acknowledges this one (a request costs more than an acknowledgement, so a sync takes
	 * about its requests' time), and read once both are done: one page ahead at most, progress on the
	 * sync-status topic never ahead of the events it covers. A request that fails lets the page before finish
	 * publishing, so a retry resumes after it.
	 */
	private Mono<Void> pages(String method, String startCursor, Function<XrpcResult, Page> page) {
		return feedCall(method, startCursor).flatMap((result) -> deliverAndRead(method, result, page))
			// Both the request and the publishing failed: report one, as the sync's reason.
			.onErrorMap(Exceptions::isMultiple, (ex) -> Exceptions.unwrapMultiple(ex).get(0));
	}

	private Mono<Void> deliverAndRead(String method, XrpcResult result, Function<XrpcResult, Page> page) {
		Page read = page.apply(result);
		if (!read.more()) {
			return read.delivery();
		}
		return Mono.zipDelayError(read.delivery().thenReturn(true), feedCall(method, result.cursor()))
			.flatMap((both) -> deliverAndRead(method, both.getT2(), page));
	}

	private Mono<XrpcResult> feedCall(String method, String cursor) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("actor", this.request.did());
		parameters.put("limit", this.pageSize);
		if (method.equals(AtprotoClient.GET_AUTHOR_FEED)) {
			parameters.put("filter", "posts_with_replies");
		}
		parameters.put("cursor", cursor);
		return call(method, parameters);
	}

	/**
	 * One page read: whether the feed goes on, and the publishing of the page's events and progress (not yet
	 * subscribed).
	 */
	private record Page(boolean more, Mono<Void> delivery) {
	}

	/** One request with the account's token; a token the PDS refuses is replaced once. */
	private Mono<XrpcResult> call(String method, Map<String, ?> parameters) {
		return Mono.defer(() -> {
			this.requests.incrementAndGet();
			Grant current = this.grant.get();
			return this.bluesky.query(current.pdsUrl(), method, parameters, current.accessJwt());
		}).onErrorResume(XrpcException.class, (ex) -> ex.isAccessTokenRejected()
				? this.tokens.tokenFor(this.request.did(), true).doOnNext(this.grant::set).then(Mono.defer(() -> {
					this.requests.incrementAndGet();
					Grant fresh = this.grant.get();
					return this.bluesky.query(fresh.pdsUrl(), method, parameters, fresh.accessJwt());
				}))
				: Mono.error(ex));
	}

	private SyncCheckpoint postsCheckpoint(SyncCheckpoint start, Instant newest, String newestUri, String cursor,
			Map<String, Instant> seen) {
		List<String> recent = new ArrayList<>();
		if (newest != null) {
			Instant windowStart = newest.minus(this.properties.overlap());
			seen.forEach((uri, sortAt) -> {
				if (!sortAt.isBefore(windowStart)) {
					recent.add(uri);
				}
			});
			for (String uri : start.recentPostUris()) {
				if (!recent.contains(uri) && newest.equals(start.newestPostSortAt())) {
					recent.add(uri);
				}
			}
		}
		return new SyncCheckpoint(newest, newestUri, cursor, start.newestLikeUri(), start.likesResumeCursor(),
				recent.subList(0, Math.min(recent.size(), 1000)));
	}

	private static SyncCheckpoint withLikes(SyncCheckpoint checkpoint, String newestLikeUri, String cursor) {
		return new SyncCheckpoint(checkpoint.newestPostSortAt(), checkpoint.newestPostUri(),
				checkpoint.postsResumeCursor(), newestLikeUri, cursor, checkpoint.recentPostUris());
	}

	private Mono<Void> progress() {
		return publish(Topics.SYNC_STATUS, SyncProgress.of(meta(), this.request.did(), this.request.syncId(),
				this.checkpoint, this.posts.get(), this.likes.get()));
	}

	private Mono<Void> publishAll(List<SkylogEvent> events) {
		return Flux.fromIterable(events)
			.flatMapSequential((event) -> Mono.fromFuture(() -> this.publisher.publish(event)))
			.then();
	}

	private <V extends SkylogEvent> Mono<Void> publish(TopicSpec<V> topic, V event) {
		return Mono.fromFuture(() -> this.publisher.publish(topic, event)).then();
	}

	private EventMetadata meta() {
		return EventMetadata.now(this.clock);
	}

	/**
	 * What this sync fetched is dated when the sync asked auth-service for the account's token, not when each page
	 * came back. An account deleted while its sync is in flight keeps that sync running on a still-valid access
	 * token; everything it fetches is then older than the deletion, and archive and stats fence it out. A sync that
	 * asks after the deletion gets no token at all.
	 */
	private EventMetadata fetched() {
		return new EventMetadata(java.util.UUID.randomUUID(), this.startedAt);
	}

}
