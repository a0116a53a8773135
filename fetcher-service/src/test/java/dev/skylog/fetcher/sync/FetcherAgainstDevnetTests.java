package dev.skylog.fetcher.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.Disposable;

import dev.skylog.events.EventJson;
import dev.skylog.events.EventMetadata;
import dev.skylog.events.SkylogEvent;
import dev.skylog.events.Topics;
import dev.skylog.events.kafka.EventPublisher;
import dev.skylog.events.like.LikeFetched;
import dev.skylog.events.post.Facet;
import dev.skylog.events.post.PostFetched;
import dev.skylog.events.post.PostKind;
import dev.skylog.events.sync.SyncCheckpoint;
import dev.skylog.events.sync.SyncCompleted;
import dev.skylog.events.sync.SyncProgress;
import dev.skylog.events.sync.SyncRequested;
import dev.skylog.events.sync.SyncStatusEvent;
import dev.skylog.testkit.devnet.Devnet;
import dev.skylog.testkit.devnet.DevnetInfo;
import dev.skylog.testkit.devnet.DevnetRepo;
import dev.skylog.testkit.kafka.TestKafka;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fetcher against the AT Protocol reference PDS: what it emits is checked against the records the PDS
 * itself lists ({@code com.atproto.repo.listRecords}). One request a second: a loopback PDS answers a page in
 * milliseconds, and the tests that kill a sync after its fourth page must see that page's progress on the topic
 * before the sync can have ended (a 1,000-post sync takes 13 requests).
 */
@SpringBootTest(properties = { "skylog.fetcher.auth-service.service-token=" + TokenStub.CREDENTIAL,
		"skylog.fetcher.bluesky.requests-per-second=1" })
class FetcherAgainstDevnetTests {

	static final TokenStub tokens = new TokenStub();

	static final DevnetInfo devnet = Devnet.shared().info();

	static final DevnetRepo pds = new DevnetRepo(devnet.pdsUrl());

	@DynamicPropertySource
	static void dependencies(DynamicPropertyRegistry registry) {
		TestKafka.registerProperties(registry);
		registry.add("skylog.fetcher.auth-service.url", tokens::url);
	}

	@AfterAll
	static void stop() {
		tokens.close();
	}

	@Autowired
	EventPublisher publisher;

	@Autowired
	SyncRequestListener listener;

	@Autowired
	SyncProgressLog progressLog;

	@Test
	void aFirstSyncYieldsExactlyTheAccountsPostsRepostsAndLikes() {
		DevnetInfo.Account alice = devnet.account("alice.test");
		tokens.devnetAccount(alice.did(), alice.handle(), alice.password(), devnet.pdsUrl());
		Set<String> expectedPosts = new HashSet<>(pds.listRecords(alice.did(), "app.bsky.feed.post"));
		expectedPosts.addAll(pds.listRecords(alice.did(), "app.bsky.feed.repost"));
		Set<String> expectedLikes = pds.listRecords(alice.did(), "app.bsky.feed.like");

		SyncCompleted completed = (SyncCompleted) syncAndWait(alice.did(), SyncCheckpoint.empty());

		List<PostFetched> posts = events(Topics.POSTS.name(), alice.did(), expectedPosts.size(), PostFetched.class);
		List<LikeFetched> likes = events(Topics.LIKES.name(), alice.did(), expectedLikes.size(), LikeFetched.class);
		assertThat(posts).extracting(PostFetched::uri).containsExactlyInAnyOrderElementsOf(expectedPosts);
		assertThat(likes).extracting(LikeFetched::uri).containsExactlyInAnyOrderElementsOf(expectedLikes);
		assertThat(completed.postsFetched()).isEqualTo(expectedPosts.size());
		assertThat(completed.likesFetched()).isEqualTo(expectedLikes.size());
		assertThat(completed.checkpoint().newestPostSortAt()).isNotNull();
		assertThat(completed.checkpoint().newestLikeUri()).isIn(expectedLikes);

		assertThat(posts).extracting(PostFetched::kind).contains(PostKind.POST, PostKind.REPLY, PostKind.QUOTE,
				PostKind.REPOST);
		PostFetched japanese = posts.stream().filter((p) -> p.content().text().contains("#日本語")).findFirst().orElseThrow();
		assertThat(japanese.content().langs()).containsExactly("ja");
		Facet tag = japanese.content().facets().stream().filter((f) -> f.value().equals("日本語")).findFirst().orElseThrow();
		byte[] utf8 = japanese.content().text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(new String(utf8, tag.byteStart(), tag.byteEnd() - tag.byteStart(),
				java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("#日本語");
		assertThat(posts).anySatisfy((p) -> assertThat(p.content().media()).hasSize(2)
			.allSatisfy((m) -> assertThat(m.alt()).isNotBlank()));
		assertThat(posts).filteredOn((p) -> p.kind() == PostKind.REPLY)
			.anySatisfy((p) -> assertThat(p.content().reply().parentAuthorHandle()).isEqualTo("bob.test"));
		assertThat(posts).filteredOn((p) -> p.kind() == PostKind.REPOST)
			.allSatisfy((p) -> assertThat(p.content().authorHandle()).isEqualTo("bob.test"));
		assertThat(likes).allSatisfy((l) -> assertThat(l.subject().authorHandle()).isEqualTo("bob.test"));
		assertThat(TestKafka.records(Topics.PROFILES.name(), alice.did(), 1, Duration.ofSeconds(10))).isNotEmpty();
	}

	@Test
	void aSecondSyncWithThreeNewPostsMakesThreeRequestsAndEmitsOnlyThem() {
		DevnetInfo.Account bob = devnet.account("bob.test");
		tokens.devnetAccount(bob.did(), bob.handle(), bob.password(), devnet.pdsUrl());
		SyncCompleted first = (SyncCompleted) syncAndWait(bob.did(), SyncCheckpoint.empty());
		int before = TestKafka.records(Topics.POSTS.name(), bob.did(), first.postsFetched(), Duration.ofSeconds(10))
			.size();

		pds.post(bob.did(), pds.login(bob.handle(), bob.password()), 3, "bob's new post");
		Devnet.shared().processAll();
		SyncCompleted second = (SyncCompleted) syncAndWait(bob.did(), first.checkpoint());

		assertThat(second.requests()).as("1 profile, 1 feed page, 1 likes page").isEqualTo(3);
		assertThat(second.postsFetched()).isEqualTo(3);
		assertThat(second.likesFetched()).isZero();
		List<PostFetched> all = events(Topics.POSTS.name(), bob.did(), before + 4, PostFetched.class);
		assertThat(all).hasSize(before + 3);
		assertThat(all.subList(before, all.size())).allSatisfy(
				(p) -> assertThat(p.content().text()).startsWith("bob's new post"));
	}

	@Test
	void aFirstSyncOfAThousandPostsKilledHalfWayResumesWithoutAGap() throws Exception {
		String did = accountWithAThousandPosts("carol");
		Set<String> expected = pds.listRecords(did, "app.bsky.feed.post");
		assertThat(expected).hasSize(1000);

		SyncRequested first = request(did, SyncCheckpoint.empty());
		List<SyncProgress> progress = syncKilledAfterFourPages(first);

		SyncCheckpoint resumeFrom = progress.get(progress.size() - 1).checkpoint();
		assertThat(resumeFrom.postsResumeCursor()).isNotNull();
		SyncCompleted resumed = (SyncCompleted) syncAndWait(did, resumeFrom);

		List<PostFetched> posts = events(Topics.POSTS.name(), did, 1100, PostFetched.class);
		Set<String> emitted = posts.stream().map(PostFetched::uri).collect(Collectors.toSet());
		assertThat(emitted).as("no gap").isEqualTo(expected);
		assertThat(posts.size() - emitted.size()).as("at most the page in flight when killed is emitted twice")
			.isLessThanOrEqualTo(100);
		assertThat(resumed.requests()).as("resumed, not started over").isLessThan(10);
	}

	/**
	 * What really happens when a fetcher dies: its request was never acknowledged and comes again, the same record
	 * with the checkpoint it was sent with. The sync goes on from what the dead one reported, not from the start.
	 */
	@Test
	void aRequestDeliveredAgainAfterItsFetcherDiedGoesOnFromTheLastReportedProgress() throws Exception {
		String did = accountWithAThousandPosts("dave");
		Set<String> expected = pds.listRecords(did, "app.bsky.feed.post");

		SyncRequested first = request(did, SyncCheckpoint.empty());
		syncKilledAfterFourPages(first);

		SyncCompleted resumed = (SyncCompleted) syncAndWait(first);
		Set<String> emitted = events(Topics.POSTS.name(), did, 1100, PostFetched.class).stream()
			.map(PostFetched::uri).collect(Collectors.toSet());
		assertThat(emitted).as("no gap").isEqualTo(expected);
		assertThat(resumed.requests()).as("went on, did not start over").isLessThan(10);
		assertThat(resumed.postsFetched()).isLessThan(1000);
	}

	/**
	 * A record of the account on the sync-status topic that no one can read, between the dead fetcher's reports:
	 * the resume skips it and goes on from the newest report.
	 */
	@Test
	void anUnreadableStatusRecordDoesNotStopAResume() throws Exception {
		String did = "did:plc:" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
		SyncRequested request = request(did, SyncCheckpoint.empty());
		SyncCheckpoint reported = new SyncCheckpoint(null, null, "cursor-2", null, null, List.of());
		this.publisher.publish(Topics.SYNC_STATUS, SyncProgress.of(EventMetadata.now(), did, request.syncId(),
				new SyncCheckpoint(null, null, "cursor-1", null, null, List.of()), 100, 0)).join();
		try (var producer = new KafkaProducer<String, String>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.broker().bootstrapServers()),
				new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(Topics.SYNC_STATUS.name(), did, "{\"type\":\"SyncProgress\",")).get();
		}
		this.publisher.publish(Topics.SYNC_STATUS,
				SyncProgress.of(EventMetadata.now(), did, request.syncId(), reported, 200, 0)).join();

		assertThat(this.progressLog.resumeFrom(request)).contains(reported);
	}

	/** A new devnet account with 1,000 posts, whose tokens the stub auth-service hands out. */
	private String accountWithAThousandPosts(String prefix) {
		String name = prefix + UUID.randomUUID().toString().substring(0, 6);
		var account = pds.createAccount(name, prefix + "-password");
		String did = account.path("did").asString();
		pds.post(did, account.path("accessJwt").asString(), 1000, "bulk");
		Devnet.shared().processAll();
		tokens.devnetAccount(did, name + ".test", prefix + "-password", devnet.pdsUrl());
		return did;
	}

	/** Runs the sync until it has reported four pages, then stops it as a dying fetcher would. */
	private List<SyncProgress> syncKilledAfterFourPages(SyncRequested request) {
		Disposable running = this.listener.sync(request).subscribe();
		List<SyncProgress> progress = waitForProgress(request.did(), request.syncId(), 4);
		running.dispose();
		assertThat(events(Topics.SYNC_STATUS.name(), request.did(), 1000, SyncStatusEvent.class, Duration.ofSeconds(1)))
			.as("killed before the sync ended")
			.noneMatch((event) -> !(event instanceof SyncProgress) && event.syncId().equals(request.syncId()));
		return progress;
	}

	private SyncStatusEvent syncAndWait(String did, SyncCheckpoint checkpoint) {
		return syncAndWait(request(did, checkpoint));
	}

	private SyncStatusEvent syncAndWait(SyncRequested request) {
		String did = request.did();
		this.publisher.publish(Topics.SYNC_REQUESTS, request).join();
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			for (ConsumerRecord<String, String> record : TestKafka.records(Topics.SYNC_STATUS.name(), did, 1000,
					Duration.ofSeconds(2))) {
				SkylogEvent event = EventJson.mapper().readValue(record.value(), SkylogEvent.class);
				if ((event instanceof SyncCompleted || event instanceof dev.skylog.events.sync.SyncFailed)
						&& ((SyncStatusEvent) event).syncId().equals(request.syncId())) {
					assertThat(event).as(record.value()).isInstanceOf(SyncCompleted.class);
					return (SyncStatusEvent) event;
				}
			}
		}
		throw new AssertionError("no SyncCompleted for " + did);
	}

	private List<SyncProgress> waitForProgress(String did, UUID syncId, int pages) {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			List<SyncProgress> progress = events(Topics.SYNC_STATUS.name(), did, 1000, SkylogEvent.class, Duration.ofSeconds(1))
				.stream().filter((e) -> e instanceof SyncProgress p && p.syncId().equals(syncId))
				.map(SyncProgress.class::cast).toList();
			if (progress.size() >= pages) {
				return progress;
			}
		}
		throw new AssertionError("no progress for " + did);
	}

	private static SyncRequested request(String did, SyncCheckpoint checkpoint) {
		return SyncRequested.of(EventMetadata.now(), did, UUID.randomUUID(), SyncRequested.Trigger.MANUAL,
				Instant.now().plusSeconds(900), checkpoint);
	}

	private static <T extends SkylogEvent> List<T> events(String topic, String did, int expected, Class<T> type) {
		return events(topic, did, expected, type, Duration.ofSeconds(5));
	}

	private static <T extends SkylogEvent> List<T> events(String topic, String did, int expected, Class<T> type,
			Duration timeout) {
		return TestKafka.records(topic, did, expected, timeout).stream()
			.map((record) -> EventJson.mapper().readValue(record.value(), SkylogEvent.class))
			.filter(type::isInstance).map(type::cast).toList();
	}

}
