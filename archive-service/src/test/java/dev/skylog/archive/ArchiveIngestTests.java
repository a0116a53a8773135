package dev.skylog.archive;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.skylog.events.EventMetadata;
import dev.skylog.events.SkylogEvent;
import dev.skylog.events.Topics;
import dev.skylog.events.account.AccountDeleted;
import dev.skylog.events.account.AccountSettings;
import dev.skylog.events.account.AccountSettingsChanged;
import dev.skylog.events.kafka.EventPublisher;
import dev.skylog.events.kafka.EventSerde;
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
import dev.skylog.testkit.kafka.TestKafka;
import dev.skylog.testkit.postgres.TestDatabase;
import dev.skylog.testkit.postgres.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** Events in, rows out: idempotent under redelivery, deletions and account removal honoured, poison skipped. */
// Every archive context consumes as the group "archive-service": closed after its class, or two would split partitions.
@SpringBootTest
@DirtiesContext
class ArchiveIngestTests {

	static final TestDatabase db = TestPostgres.freshDatabase("archive_ingest");

	@DynamicPropertySource
	static void dependencies(DynamicPropertyRegistry registry) {
		TestKafka.registerProperties(registry);
		db.registerProperties(registry);
	}

	@Autowired
	EventPublisher publisher;

	@Autowired
	DatabaseClient database;

	@Autowired
	MeterRegistry meters;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	final String did = "did:plc:" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);

	final String bob = "did:plc:bob00000000000000000000";

	@Test
	void eventsBecomeRowsAndTheSameEventsAgainChangeNothing() {
		List<SkylogEvent> events = history();
		events.forEach(this::publish);
		awaitRows("SELECT count(*) FROM post WHERE did = '" + this.did + "'", 3);
		awaitRows("SELECT count(*) FROM liked_post WHERE did = '" + this.did + "'", 2);
		awaitRows("SELECT count(*) FROM profile WHERE did = '" + this.did + "'", 1);
		String before = snapshot();

		assertThat(scalar("SELECT string_agg(tag, ',' ORDER BY tag) FROM post_hashtag h JOIN post p ON p.uri = h.post_uri "
				+ "WHERE p.did = '" + this.did + "'")).isEqualTo("テスト,日本語");
		assertThat(scalar("SELECT alt FROM post_media m JOIN post p ON p.uri = m.post_uri WHERE p.did = '" + this.did + "'"))
			.isEqualTo("夕焼け");
		assertThat(scalar("SELECT count(*) FROM post_link l JOIN post p ON p.uri = l.post_uri WHERE p.did = '" + this.did
				+ "'")).isEqualTo("2");
		assertThat(scalar("SELECT reply_parent_did FROM post WHERE did = '" + this.did + "' AND kind = 'REPLY'"))
			.isEqualTo(this.bob);
		assertThat(scalar("SELECT time_zone FROM account_settings WHERE did = '" + this.did + "'")).isEqualTo("Asia/Tokyo");

		events.forEach(this::publish);
		publishMarkerAndWait();

		assertThat(snapshot()).isEqualTo(before);
		assertThat(this.meters.get("skylog.events.applied").tag("topic", "skylog.posts.v1").counter().count())
			.isGreaterThanOrEqualTo(7);
	}

	@Test
	void deletionsRemoveThePostWithItsDetailsAndTheLike() {
		List<SkylogEvent> events = history();
		events.forEach(this::publish);
		awaitRows("SELECT count(*) FROM post WHERE did = '" + this.did + "'", 3);
		awaitRows("SELECT count(*) FROM liked_post WHERE did = '" + this.did + "'", 2);
		PostFetched first = (PostFetched) events.get(2);

		publish(PostDeleted.of(EventMetadata.now(), this.did, first.uri()));
		publish(LikeDeleted.of(EventMetadata.now(), this.did, ((LikeFetched) events.get(5)).uri()));

		awaitRows("SELECT count(*) FROM post WHERE did = '" + this.did + "'", 2);
		awaitRows("SELECT count(*) FROM liked_post WHERE did = '" + this.did + "'", 1);
		assertThat(scalar("SELECT count(*) FROM post_hashtag WHERE post_uri = '" + first.uri() + "'")).isEqualTo("0");
		assertThat(scalar("SELECT count(*) FROM post_media WHERE post_uri = '" + first.uri() + "'")).isEqualTo("0");
	}

	/**
	 * An overlapping sync's fetch, dated before the deletion, published after it (and the same fetch redelivered):
	 * the post and the like stay deleted, as they do in stats.
	 */
	@Test
	void aFetchFromBeforeADeletionThatArrivesAfterItDoesNotBringTheRecordBack() {
		Instant fetchedAt = Instant.now();
		PostFetched post = post("3back", PostKind.POST, "deleted for good", List.of(), List.of(), null, null);
		PostFetched fetched = PostFetched.of(new EventMetadata(UUID.randomUUID(), fetchedAt), this.did, post.uri(),
				post.cid(), post.kind(), post.createdAt(), post.sortAt(), post.content());
		LikeFetched like = LikeFetched.of(new EventMetadata(UUID.randomUUID(), fetchedAt), this.did,
				"at://" + this.did + "/app.bsky.feed.like/3back", "at://" + this.bob + "/app.bsky.feed.post/3x",
				fetchedAt, null);
		EventMetadata deletedAt = new EventMetadata(UUID.randomUUID(), fetchedAt.plusSeconds(5));
		publish(PostDeleted.of(deletedAt, this.did, post.uri()));
		publish(LikeDeleted.of(deletedAt, this.did, like.uri()));
		publish(fetched);
		publish(like);
		publish(fetched);

		publishMarkerAndWait();
		assertThat(scalar("SELECT count(*) FROM post WHERE did = '" + this.did + "'")).isEqualTo("0");
		assertThat(scalar("SELECT count(*) FROM liked_post WHERE did = '" + this.did + "'")).isEqualTo("0");
	}

	/** A settings change sent again late (the outbox delivers at least once) cannot undo a newer one. */
	@Test
	void anOlderSettingsChangeArrivingLateChangesNothing() {
		double applied = accountEventsApplied();
		Instant now = Instant.now();
		publish(new AccountSettingsChanged(UUID.randomUUID(), AccountSettingsChanged.SCHEMA_VERSION, now, this.did,
				new AccountSettings(ZoneId.of("Asia/Tokyo"), AccountSettings.ArchiveVisibility.PRIVATE, false)));
		publish(new AccountSettingsChanged(UUID.randomUUID(), AccountSettingsChanged.SCHEMA_VERSION,
				now.minusSeconds(60), this.did,
				new AccountSettings(ZoneId.of("UTC"), AccountSettings.ArchiveVisibility.PUBLIC, true)));
		publish(new AccountSettingsChanged(UUID.randomUUID(), AccountSettingsChanged.SCHEMA_VERSION,
				now.minusSeconds(30), this.did,
				new AccountSettings(ZoneId.of("UTC"), AccountSettings.ArchiveVisibility.PUBLIC, true)));
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (accountEventsApplied() < applied + 3 && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(accountEventsApplied()).as("the three changes applied").isGreaterThanOrEqualTo(applied + 3);
		awaitRows("SELECT count(*) FROM account_settings WHERE did = '" + this.did
				+ "' AND visibility = 'PRIVATE' AND time_zone = 'Asia/Tokyo' AND NOT allow_crawlers", 1);
	}

	@Test
	void anAccountThatLeavesLeavesNothingBehind() {
		history().forEach(this::publish);
		awaitRows("SELECT count(*) FROM post WHERE did = '" + this.did + "'", 3);

		publish(AccountDeleted.of(EventMetadata.now(), this.did, AccountDeleted.Reason.USER_REQUEST));

		awaitRows("SELECT (SELECT count(*) FROM post WHERE did = '" + this.did + "') + (SELECT count(*) FROM liked_post "
				+ "WHERE did = '" + this.did + "') + (SELECT count(*) FROM profile WHERE did = '" + this.did + "') + "
				+ "(SELECT count(*) FROM account_settings WHERE did = '" + this.did + "')", 0);
	}

	@Test
	void aPoisonRecordIsDeadLetteredAndThePartitionMovesOn() throws Exception {
		try (var producer = new KafkaProducer<byte[], byte[]>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.broker().bootstrapServers()),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(Topics.POSTS.name(), this.did.getBytes(StandardCharsets.UTF_8),
					"{\"type\":\"PostFetched\",\"uri\":".getBytes(StandardCharsets.UTF_8))).get();
		}
		publish(post("3after", PostKind.POST, "after the poison", List.of(), List.of(), null, null));

		awaitRows("SELECT count(*) FROM post WHERE did = '" + this.did + "'", 1);
		assertThat(TestKafka.records(Topics.POSTS.deadLetterTopic(), this.did, 1, Duration.ofSeconds(30))).hasSize(1);
	}

	/**
	 * An account whose PDS answers with another account's records: every such event, on every topic the archive
	 * reads, is dead-lettered with its reason and counted, and the other account's rows stay as they were.
	 */
	@Test
	void eventsThatNameAnotherAccountsRecordsAreDeadLetteredAndChangeNothing() throws Exception {
		history().forEach(this::publish);
		awaitRows("SELECT count(*) FROM post WHERE did = '" + this.did + "'", 3);
		awaitRows("SELECT count(*) FROM liked_post WHERE did = '" + this.did + "'", 2);
		awaitRows("SELECT count(*) FROM profile WHERE did = '" + this.did + "'", 1);
		String before = snapshot();
		String mallory = "did:plc:" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
		String victimPost = "at://" + this.did + "/app.bsky.feed.post/3aaaa";
		EventMetadata later = new EventMetadata(UUID.randomUUID(), Instant.now().plusSeconds(60));
		PostFetched theirs = post("3aaaa", PostKind.POST, "overwritten", List.of(), List.of(), null, null);

		publish(PostFetched.of(later, mallory, victimPost, "bafyx", PostKind.POST, theirs.createdAt(), theirs.sortAt(),
				theirs.content()));
		publish(PostDeleted.of(later, mallory, "at://" + this.did + "/app.bsky.feed.post/3bbbb"));
		// Its own URI, but another account's post as the content.
		String own = "at://" + mallory + "/app.bsky.feed.post/3own";
		publish(PostFetched.of(later, mallory, own, "bafyx", PostKind.POST, theirs.createdAt(), theirs.sortAt(),
				theirs.content()));
		publish(LikeFetched.of(later, mallory, "at://" + this.did + "/app.bsky.feed.like/3like1",
				"at://" + this.bob + "/app.bsky.feed.post/3x", Instant.now(), null));
		publish(LikeDeleted.of(later, mallory, "at://" + this.did + "/app.bsky.feed.like/3like2"));
		// The victim's profile under the attacker's key (the partition, and order, of the attacker's account).
		try (var producer = new KafkaProducer<String, SkylogEvent>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.broker().bootstrapServers()),
				new org.apache.kafka.common.serialization.StringSerializer(), EventSerde.serializer())) {
			producer.send(new ProducerRecord<>(Topics.PROFILES.name(), mallory, ProfileFetched.of(later, this.did,
					"mallory.test", "Mallory", "", null, null, 0, 0, 0, List.of(), null))).get();
		}

		assertThat(TestKafka.records(Topics.POSTS.deadLetterTopic(), mallory, 3, Duration.ofSeconds(30))).hasSize(3)
			.allSatisfy((record) -> assertThat(new String(record.headers().lastHeader("skylog-dlt-reason").value(),
					StandardCharsets.UTF_8)).startsWith("ForeignRecord: "));
		assertThat(TestKafka.records(Topics.LIKES.deadLetterTopic(), mallory, 2, Duration.ofSeconds(30))).hasSize(2);
		assertThat(TestKafka.records(Topics.PROFILES.deadLetterTopic(), mallory, 1, Duration.ofSeconds(30))).hasSize(1);
		publishMarkerAndWait();
		assertThat(snapshot()).isEqualTo(before);
		assertThat(scalar("SELECT count(*) FROM post WHERE did = '" + mallory + "'")).isEqualTo("0");
		assertThat(this.meters.get("skylog.events.rejected").tag("topic", Topics.POSTS.name()).counter().count())
			.isGreaterThanOrEqualTo(3);
	}

	/**
	 * A sync still running when its account was deleted delivers afterwards, on other topics than the deletion:
	 * what it fetched before the deletion stays out, and the DID is all that remains. What a new login fetches
	 * after the deletion is stored again.
	 */
	@Test
	void whatWasFetchedBeforeADeletionStaysOutWhenItArrivesAfterIt() {
		Instant deletedAt = Instant.now();
		publish(AccountDeleted.of(new EventMetadata(UUID.randomUUID(), deletedAt), this.did,
				AccountDeleted.Reason.USER_REQUEST));
		awaitRows("SELECT count(*) FROM account_deletion WHERE did = '" + this.did + "'", 1);

		EventMetadata before = new EventMetadata(UUID.randomUUID(), deletedAt.minusSeconds(30));
		PostFetched late = post("3late", PostKind.POST, "fetched before the deletion", List.of(), List.of(), null, null);
		publish(PostFetched.of(before, this.did, late.uri(), late.cid(), late.kind(), late.createdAt(), late.sortAt(),
				late.content()));
		publish(LikeFetched.of(before, this.did, "at://" + this.did + "/app.bsky.feed.like/3late",
				"at://" + this.bob + "/app.bsky.feed.post/3x", deletedAt.minusSeconds(60), null));
		publish(ProfileFetched.of(before, this.did, "gone.test", "Gone", "", null, null, 1, 1, 1, List.of(),
				deletedAt.minusSeconds(60)));

		EventMetadata after = new EventMetadata(UUID.randomUUID(), deletedAt.plusSeconds(1));
		PostFetched relinked = post("3again", PostKind.POST, "after a new login", List.of(), List.of(), null, null);
		publish(PostFetched.of(after, this.did, relinked.uri(), relinked.cid(), relinked.kind(), relinked.createdAt(),
				relinked.sortAt(), relinked.content()));

		// Each topic keeps its order: once the event sent after the late one is stored, the late one was seen.
		publish(LikeFetched.of(after, this.did, "at://" + this.did + "/app.bsky.feed.like/3again",
				"at://" + this.bob + "/app.bsky.feed.post/3x", deletedAt, null));
		publish(ProfileFetched.of(after, this.did, "again.test", "Again", "", null, null, 1, 1, 1, List.of(),
				deletedAt));
		awaitRows("SELECT count(*) FROM post WHERE did = '" + this.did + "'", 1);
		awaitRows("SELECT count(*) FROM liked_post WHERE did = '" + this.did + "'", 1);
		awaitRows("SELECT count(*) FROM profile WHERE did = '" + this.did + "'", 1);
		assertThat(scalar("SELECT uri FROM post WHERE did = '" + this.did + "'")).endsWith("/3again");
		assertThat(scalar("SELECT uri FROM liked_post WHERE did = '" + this.did + "'")).endsWith("/3again");
		assertThat(scalar("SELECT handle FROM profile WHERE did = '" + this.did + "'")).isEqualTo("again.test");
	}

	/**
	 * A record the database refuses (a NUL character, which PostgreSQL's text cannot hold) among good ones in the
	 * same batch: only it is dead-lettered, with the database's reason; the records around it are stored.
	 */
	@Test
	void aRecordTheDatabaseRefusesIsDeadLetteredAloneAndTheRestOfItsBatchIsStored() {
		PostFetched first = post("3good1", PostKind.POST, "before", List.of(), List.of(), null, null);
		PostFetched refused = post("3nul", PostKind.POST, "a NUL \u0000 here", List.of(), List.of(), null, null);
		PostFetched last = post("3good2", PostKind.POST, "after", List.of(), List.of(), null, null);
		// On the topic before the listener polls again, so it gets them in one batch.
		var listener = this.listeners.getListenerContainer("archive-posts");
		listener.stop();
		List.of(first, refused, last).forEach(this::publish);
		listener.start();

		awaitRows("SELECT count(*) FROM post WHERE did = '" + this.did + "'", 2);
		assertThat(TestKafka.records(Topics.POSTS.deadLetterTopic(), this.did, 2, Duration.ofSeconds(10)))
			.singleElement()
			.satisfies((record) -> assertThat(record.value()).contains("/3nul"));
		assertThat(scalar("SELECT string_agg(uri, ',' ORDER BY uri) FROM post WHERE did = '" + this.did + "'"))
			.endsWith("/3good1,at://" + this.did + "/app.bsky.feed.post/3good2");
	}

	/**
	 * The archive's database refusing every connection (as while PostgreSQL restarts) for far longer than the
	 * retries a poison record gets: the events wait, none is dead-lettered, all are stored once it answers.
	 */
	@Test
	void aDatabaseOutageDuringIngestIsWaitedOutNotDeadLettered() throws Exception {
		storedOnceTheDatabaseAnswers(() -> {
			publish(post("3during1", PostKind.POST, "during the outage", List.of(), List.of(), null, null));
			publish(post("3during2", PostKind.REPLY, "still down", List.of(), List.of(), null, null));
			// Ten times the poison retries (2 × 500 ms).
			Thread.sleep(10_000);
		});
	}

	/**
	 * The consumer group rebalancing while the database is down (another instance starting or stopping, as in
	 * a rolling deployment): what arrives meanwhile is still stored once the database answers. A retry that kept
	 * the failed batch in memory fetched such records on a reassigned partition and dropped them.
	 */
	@Test
	void aRebalanceDuringADatabaseOutageLosesNothing() throws Exception {
		storedOnceTheDatabaseAnswers(() -> {
			publish(post("3during1", PostKind.POST, "during the outage", List.of(), List.of(), null, null));
			Thread.sleep(1_000);
			joinAndLeaveTheArchiveGroup();
			publish(post("3during2", PostKind.REPLY, "after the rebalance", List.of(), List.of(), null, null));
			Thread.sleep(3_000);
		});
	}

	/**
	 * One post stored, then {@code outage} (which publishes two more) runs while the archive's database refuses
	 * every connection; once it answers again all three are stored and nothing was dead-lettered.
	 */
	private void storedOnceTheDatabaseAnswers(Outage outage) throws Exception {
		publish(post("3before", PostKind.POST, "before the outage", List.of(), List.of(), null, null));
		awaitRows("SELECT count(*) FROM post WHERE did = '" + this.did + "'", 1);
		try (Connection admin = DriverManager.getConnection(
				"jdbc:postgresql://" + db.host() + ":" + db.port() + "/postgres", db.username(), db.password());
				Statement sql = admin.createStatement()) {
			sql.execute("ALTER DATABASE " + db.name() + " ALLOW_CONNECTIONS false");
			try {
				sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db.name() + "'");
				outage.run();
			}
			finally {
				sql.execute("ALTER DATABASE " + db.name() + " ALLOW_CONNECTIONS true");
			}
		}

		awaitRows("SELECT count(*) FROM post WHERE did = '" + this.did + "'", 3);
		assertThat(TestKafka.records(Topics.POSTS.deadLetterTopic(), this.did, 1, Duration.ofSeconds(3))).isEmpty();
	}

	@FunctionalInterface
	private interface Outage {

		void run() throws Exception;

	}

	// A member of the group subscribed to a topic of its own: joining and leaving makes every member give up
	// its partitions and take them back.
	private void joinAndLeaveTheArchiveGroup() {
		try (var member = new KafkaConsumer<byte[], byte[]>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.broker().bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "archive-service"),
				new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			member.subscribe(List.of("skylog.test.rebalance"));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (member.assignment().isEmpty() && System.nanoTime() < deadline) {
				member.poll(Duration.ofMillis(200));
			}
			assertThat(member.assignment()).isNotEmpty();
		}
	}

	private List<SkylogEvent> history() {
		Instant t0 = Instant.parse("2025-01-01T15:30:00Z");
		PostFetched japanese = post("3aaaa", PostKind.POST, "日本語のハッシュタグ #日本語 #テスト https://example.com",
				List.of(new Facet(31, 41, Facet.Kind.TAG, "日本語"), new Facet(42, 52, Facet.Kind.TAG, "テスト"),
						new Facet(53, 72, Facet.Kind.LINK, "https://example.com")),
				List.of(new Media(Media.Kind.IMAGE, "夕焼け", "https://cdn/thumb", "https://cdn/full", 640, 480)),
				new LinkCard("https://example.com/card", "Card", "", null), null);
		PostFetched reply = post("3bbbb", PostKind.REPLY, "@bob.test おはよう",
				List.of(new Facet(0, 9, Facet.Kind.MENTION, this.bob)), List.of(), null,
				new ReplyRef("at://" + this.bob + "/app.bsky.feed.post/3root", "at://" + this.bob + "/app.bsky.feed.post/3root",
						this.bob, "bob.test"));
		PostContent bobs = new PostContent("at://" + this.bob + "/app.bsky.feed.post/3bob1", "bafy", this.bob, "bob.test",
				"Bob post", List.of(), List.of(), List.of(), null, null, null, t0, null);
		PostFetched repost = PostFetched.of(EventMetadata.now(), this.did, "at://" + this.did + "/app.bsky.feed.repost/3cccc",
				"bafyrepost", PostKind.REPOST, t0.plusSeconds(60), t0.plusSeconds(60), bobs);
		return List.of(AccountSettingsChanged.of(EventMetadata.now(), this.did,
				new AccountSettings(ZoneId.of("Asia/Tokyo"), AccountSettings.ArchiveVisibility.PUBLIC, true)),
				ProfileFetched.of(EventMetadata.now(), this.did, "alice.test", "Alice テスト", "", null, null, 1, 1, 3,
						List.of(), t0),
				japanese, reply, repost,
				LikeFetched.of(EventMetadata.now(), this.did, "at://" + this.did + "/app.bsky.feed.like/3like1",
						bobs.uri(), t0, bobs),
				LikeFetched.of(EventMetadata.now(), this.did, "at://" + this.did + "/app.bsky.feed.like/3like2",
						"at://" + this.bob + "/app.bsky.feed.post/3gone", t0, null));
	}

	private PostFetched post(String rkey, PostKind kind, String text, List<Facet> facets, List<Media> media,
			LinkCard link, ReplyRef reply) {
		String uri = "at://" + this.did + "/app.bsky.feed.post/" + rkey;
		Instant at = Instant.parse("2025-01-01T15:30:00Z");
		return PostFetched.of(EventMetadata.now(), this.did, uri, "bafy" + rkey, kind, at, at,
				new PostContent(uri, "bafy" + rkey, this.did, "alice.test", text, facets, List.of("ja"), media, link, null,
						reply, at, new PostContent.Engagement(1, 2, 3, 4)));
	}

	private double accountEventsApplied() {
		var applied = this.meters.find("skylog.events.applied").tag("topic", Topics.ACCOUNTS.name()).counter();
		return (applied != null) ? applied.count() : 0;
	}

	private void publish(SkylogEvent event) {
		this.publisher.publish(event).join();
	}

	private void publishMarkerAndWait() {
		publish(post("3marker", PostKind.POST, "marker", List.of(), List.of(), null, null));
		awaitRows("SELECT count(*) FROM post WHERE did = '" + this.did + "' AND uri LIKE '%/3marker'", 1);
		this.database.sql("DELETE FROM post WHERE uri LIKE '%/3marker'").then().block();
		// Likes and profiles travel on other topics: wait until a marker like has been applied too.
		publish(LikeFetched.of(EventMetadata.now(), this.did, "at://" + this.did + "/app.bsky.feed.like/3marker",
				"at://" + this.bob + "/app.bsky.feed.post/3x", Instant.now(), null));
		awaitRows("SELECT count(*) FROM liked_post WHERE did = '" + this.did + "' AND uri LIKE '%/3marker'", 1);
		this.database.sql("DELETE FROM liked_post WHERE uri LIKE '%/3marker'").then().block();
	}

	private String snapshot() {
		return scalar("SELECT md5(string_agg(t, '|' ORDER BY t)) FROM ("
				+ "SELECT row(uri, did, cid, kind, created_at, sort_at, text, content, author_did, langs, reply_parent_did, "
				+ "quoted_uri, like_count, hidden)::text AS t FROM post WHERE did = '" + this.did + "' "
				+ "UNION ALL SELECT row(m.*)::text FROM post_media m JOIN post p ON p.uri = m.post_uri WHERE p.did = '" + this.did + "' "
				+ "UNION ALL SELECT row(h.*)::text FROM post_hashtag h JOIN post p ON p.uri = h.post_uri WHERE p.did = '" + this.did + "' "
				+ "UNION ALL SELECT row(l.*)::text FROM post_link l JOIN post p ON p.uri = l.post_uri WHERE p.did = '" + this.did + "' "
				+ "UNION ALL SELECT row(uri, subject_uri, liked_at, subject)::text FROM liked_post WHERE did = '" + this.did + "' "
				+ "UNION ALL SELECT row(did, handle, display_name, labels)::text FROM profile WHERE did = '" + this.did + "') s");
	}

	private String scalar(String sql) {
		return this.database.sql(sql).map((row) -> String.valueOf(row.get(0))).one().block();
	}

	private void awaitRows(String countSql, long expected) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		String last = null;
		while (System.nanoTime() < deadline) {
			try {
				last = scalar(countSql);
			}
			catch (RuntimeException ex) {
				// A pooled connection the database ended while it was down.
				last = ex.getMessage();
			}
			if (String.valueOf(expected).equals(last)) {
				return;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		throw new AssertionError("expected " + expected + " but was " + last + ": " + countSql + " "
				+ scalar("SELECT string_agg(uri || ' ' || kind, ', ') FROM post") + " DLT: "
				+ TestKafka.records(Topics.POSTS.deadLetterTopic(), this.did, 5, Duration.ofSeconds(3)).stream()
					.map((r) -> new String(r.headers().lastHeader("skylog-dlt-reason").value())).toList());
	}

}
