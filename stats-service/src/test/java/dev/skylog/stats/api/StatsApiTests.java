package dev.skylog.stats.api;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import dev.skylog.events.EventJson;
import dev.skylog.events.EventMetadata;
import dev.skylog.events.SkylogEvent;
import dev.skylog.events.Topics;
import dev.skylog.events.account.AccountDeleted;
import dev.skylog.events.account.AccountLinked;
import dev.skylog.events.account.AccountSettings;
import dev.skylog.events.account.AccountSettings.ArchiveVisibility;
import dev.skylog.events.kafka.EventPublisher;
import dev.skylog.events.kafka.EventSerde;
import dev.skylog.events.like.LikeDeleted;
import dev.skylog.events.like.LikeFetched;
import dev.skylog.events.post.Facet;
import dev.skylog.events.post.Media;
import dev.skylog.events.post.PostContent;
import dev.skylog.events.post.PostDeleted;
import dev.skylog.events.post.PostFetched;
import dev.skylog.events.post.PostKind;
import dev.skylog.events.post.ReplyRef;
import dev.skylog.events.profile.ProfileFetched;
import dev.skylog.testkit.kafka.TestKafka;
import dev.skylog.testkit.postgres.TestPostgres;
import dev.skylog.testkit.session.TestSessions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known events in through the real broker, known numbers out over HTTP. The account lives in Tokyo: its
 * second post, 15:30 UTC on 1 March, is on 2 March there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "skylog.stats.rebuild.batch-size=50" })
// Every stats context consumes as the group "stats-service": closed after its class, or two would split partitions.
@DirtiesContext
class StatsApiTests {

	static final TestSessions auth = new TestSessions();

	static final String BOB = "did:plc:bob00000000000000000000";

	@DynamicPropertySource
	static void dependencies(DynamicPropertyRegistry registry) {
		TestKafka.registerProperties(registry);
		TestPostgres.freshDatabase("stats_api").registerProperties(registry);
		auth.registerProperties(registry);
	}

	@AfterAll
	static void stop() {
		auth.close();
	}

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	EventPublisher publisher;

	@Autowired
	DatabaseClient database;

	@Test
	void knownEventsGiveKnownNumbersInTheAccountsTimeZone() {
		Account account = new Account(ArchiveVisibility.PUBLIC);
		account.history().forEach(this::publish);
		account.awaitFacts(5, 2);
		String stats = "/api/stats/" + account.handle;

		JsonNode daily = get(stats + "/daily?from=2025-03-01&to=2025-03-05", null);
		assertThat(daily).hasSize(5);
		assertThat(day(daily, 0)).isEqualTo("2025-03-01 posts=1 replies=0 quotes=0 reposts=0 likes=0 media=0 chars="
				+ chars("こんにちは #日本語"));
		assertThat(day(daily, 1)).isEqualTo("2025-03-02 posts=1 replies=1 quotes=0 reposts=0 likes=1 media=1 chars="
				+ (chars("東京タワー #日本語 #旅行") + chars("@bob.test おはよう")));
		assertThat(day(daily, 2)).isEqualTo("2025-03-03 posts=0 replies=0 quotes=1 reposts=0 likes=1 media=0 chars="
				+ chars("見て"));
		assertThat(day(daily, 3)).isEqualTo("2025-03-04 posts=0 replies=0 quotes=0 reposts=0 likes=0 media=0 chars=0");
		assertThat(day(daily, 4)).isEqualTo("2025-03-05 posts=0 replies=0 quotes=0 reposts=1 likes=0 media=0 chars=0");

		JsonNode summary = get(stats + "/summary", null);
		assertThat(summary.at("/totals").toString()).isEqualTo("{\"posts\":2,\"replies\":1,\"quotes\":1,\"reposts\":1,"
				+ "\"likes\":2,\"withMedia\":1,\"characters\":" + (chars("こんにちは #日本語") + chars("東京タワー #日本語 #旅行")
						+ chars("@bob.test おはよう") + chars("見て")) + "}");
		assertThat(summary.get("firstPostDate").asString()).isEqualTo("2025-03-01");
		assertThat(summary.get("lastPostDate").asString()).isEqualTo("2025-03-03");
		assertThat(summary.get("postingDays").asLong()).isEqualTo(3);
		assertThat(summary.get("longestStreak").asLong()).isEqualTo(3);
		assertThat(summary.get("currentStreak").asLong()).isZero();
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
		assertThat(summary.get("daysWithoutPosts").asLong())
			.isEqualTo(ChronoUnit.DAYS.between(LocalDate.of(2025, 3, 1), today) + 1 - 3);
		assertThat(summary.at("/months/0").toString())
			.isEqualTo("{\"period\":\"2025-03\",\"posts\":2,\"replies\":1,\"quotes\":1,\"reposts\":1}");
		assertThat(summary.at("/years/0/period").asString()).isEqualTo("2025");

		JsonNode heatmap = get(stats + "/heatmap", null).get("counts");
		// 2025-03-01 is a Saturday: 23:30 Saturday, 00:30 and 12:00 Sunday, 09:00 Monday in Tokyo.
		assertThat(heatmap.get(5).get(23).asLong()).isEqualTo(1);
		assertThat(heatmap.get(6).get(0).asLong()).isEqualTo(1);
		assertThat(heatmap.get(6).get(12).asLong()).isEqualTo(1);
		assertThat(heatmap.get(0).get(9).asLong()).isEqualTo(1);

		assertThat(get(stats + "/hashtags", null).toString())
			.isEqualTo("[{\"tag\":\"日本語\",\"count\":2},{\"tag\":\"旅行\",\"count\":1}]");
		assertThat(get(stats + "/partners", null).toString()).isEqualTo(
				"[{\"did\":\"" + BOB + "\",\"handle\":\"bob.test\",\"replies\":1,\"mentions\":1,\"total\":2}]");

		JsonNode calendar = get(stats + "/calendar?year=2025", null);
		assertThat(calendar.get("days")).hasSize(365);
		assertThat(calendar.at("/days/60").toString()).isEqualTo("{\"date\":\"2025-03-02\",\"count\":2}");
		assertThat(calendar.get("max").asLong()).isEqualTo(2);
	}

	@Test
	void theSameEventsTwiceGiveTheSameNumbers() {
		Account account = new Account(ArchiveVisibility.PUBLIC);
		account.history().forEach(this::publish);
		account.awaitFacts(5, 2);
		String before = everything(account);

		account.history().forEach(this::publish);
		// A marker after the redelivery shows it was applied; deleting the marker leaves the numbers as they were.
		PostFetched marker = (PostFetched) account.marker().get(0);
		publish(marker);
		account.awaitFacts(6, 2);
		publish(PostDeleted.of(EventMetadata.now(), account.did, marker.uri()));
		account.awaitFacts(5, 2);

		assertThat(everything(account)).isEqualTo(before);
	}

	@Test
	void aDeleteSubtractsAndAReplayedFetchDoesNotBringItBack() {
		Account account = new Account(ArchiveVisibility.PUBLIC);
		List<SkylogEvent> history = account.history();
		history.forEach(this::publish);
		account.awaitFacts(5, 2);

		publish(PostDeleted.of(EventMetadata.now(), account.did, account.uri("3p4")));
		publish(LikeDeleted.of(EventMetadata.now(), account.did, account.likeUri("3l2")));
		account.awaitFacts(4, 1);
		history.stream().filter((e) -> e instanceof PostFetched p && p.uri().endsWith("3p4")).forEach(this::publish);
		account.marker().forEach(this::publish);
		account.awaitFacts(5, 1);

		JsonNode daily = get("/api/stats/" + account.handle + "/daily?from=2025-03-03&to=2025-03-03", null);
		assertThat(day(daily, 0)).isEqualTo("2025-03-03 posts=0 replies=0 quotes=0 reposts=0 likes=0 media=0 chars=0");
	}

	/**
	 * An account whose PDS answers with another account's records, on every topic stats reads: each such event is
	 * dead-lettered with its reason, and the victim's facts, handle and numbers stay as they were.
	 */
	@Test
	void eventsThatNameAnotherAccountsRecordsAreDeadLetteredAndChangeNothing() throws Exception {
		Account victim = new Account(ArchiveVisibility.PUBLIC);
		victim.history().forEach(this::publish);
		victim.awaitFacts(5, 2);
		String before = everything(victim) + tablesOf(victim);
		Account mallory = new Account(ArchiveVisibility.PUBLIC);
		EventMetadata later = new EventMetadata(UUID.randomUUID(), Instant.now().plusSeconds(60));
		PostFetched theirs = (PostFetched) victim.history().get(1);

		publish(PostFetched.of(later, mallory.did, theirs.uri(), "bafyx", PostKind.POST, theirs.createdAt(),
				theirs.sortAt(), theirs.content()));
		publish(PostDeleted.of(later, mallory.did, victim.uri("3p2")));
		publish(LikeFetched.of(later, mallory.did, victim.likeUri("3l1"), "at://" + BOB + "/app.bsky.feed.post/b9",
				Instant.parse("2025-03-04T00:00:00Z"), null));
		publish(LikeDeleted.of(later, mallory.did, victim.likeUri("3l2")));
		try (var producer = new KafkaProducer<String, SkylogEvent>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.broker().bootstrapServers()),
				new StringSerializer(), EventSerde.serializer())) {
			producer.send(new ProducerRecord<>(Topics.PROFILES.name(), mallory.did, ProfileFetched.of(later, victim.did,
					"mallory.test", "", "", null, null, 0, 0, 0, List.of(), null))).get();
			producer.send(new ProducerRecord<>(Topics.ACCOUNTS.name(), mallory.did,
					AccountDeleted.of(later, victim.did, AccountDeleted.Reason.USER_REQUEST))).get();
		}

		assertThat(TestKafka.records(Topics.POSTS.deadLetterTopic(), mallory.did, 2, Duration.ofSeconds(30))).hasSize(2);
		assertThat(TestKafka.records(Topics.LIKES.deadLetterTopic(), mallory.did, 2, Duration.ofSeconds(30))).hasSize(2);
		assertThat(TestKafka.records(Topics.PROFILES.deadLetterTopic(), mallory.did, 1, Duration.ofSeconds(30)))
			.hasSize(1);
		assertThat(TestKafka.records(Topics.ACCOUNTS.deadLetterTopic(), mallory.did, 1, Duration.ofSeconds(30)))
			.hasSize(1);
		PostFetched marker = (PostFetched) victim.marker().get(0);
		publish(marker);
		victim.awaitFacts(6, 2);
		publish(PostDeleted.of(EventMetadata.now(), victim.did, marker.uri()));
		victim.awaitFacts(5, 2);
		assertThat(everything(victim) + tablesOf(victim)).isEqualTo(before);
	}

	@Test
	void aRebuildFromTheTopicsGivesIdenticalTablesWhileReadsKeepAnswering() throws Exception {
		Account account = new Account(ArchiveVisibility.PUBLIC);
		account.history().forEach(this::publish);
		Account busy = new Account(ArchiveVisibility.PUBLIC);
		busy.many(1500).forEach(this::publish);
		account.awaitFacts(5, 2);
		busy.awaitFacts(1500, 0);
		String tablesBefore = tables();
		String summaryBefore = get("/api/stats/" + account.handle + "/summary", null).toString();
		String admin = auth.session(BOB, true);

		problem(client().post().uri("/api/stats/admin/rebuild"), null, 401, "not_logged_in");
		problem(client().post().uri("/api/stats/admin/rebuild"), auth.session(BOB, false), 403, "admin_only");
		JsonNode started = EventJson.mapper().readTree(client().post().uri("/api/stats/admin/rebuild")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + admin).exchange()
			.expectStatus().isAccepted().expectBody(String.class).returnResult().getResponseBody());
		assertThat(started.get("state").asString()).isEqualTo("REPLAYING");
		problem(client().post().uri("/api/stats/admin/rebuild"), admin, 409, "rebuild_running");

		AtomicInteger readsDuringRebuild = new AtomicInteger();
		AtomicReference<String> state = new AtomicReference<>("REPLAYING");
		List<String> states = new ArrayList<>();
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (!List.of("COMPLETED", "FAILED").contains(state.get()) && System.nanoTime() < deadline) {
			assertThat(get("/api/stats/" + account.handle + "/summary", null).toString()).isEqualTo(summaryBefore);
			readsDuringRebuild.incrementAndGet();
			JsonNode status = get("/api/stats/admin/rebuild", admin);
			state.set(status.get("state").asString());
			states.add(state.get() + " " + status.get("progress").asDouble());
		}

		assertThat(state.get()).as(states.toString()).isEqualTo("COMPLETED");
		assertThat(states.get(0)).startsWith("REPLAYING");
		assertThat(readsDuringRebuild.get()).isGreaterThan(1);
		assertThat(tables()).isEqualTo(tablesBefore);
		assertThat(get("/api/stats/" + account.handle + "/summary", null).toString()).isEqualTo(summaryBefore);
		JsonNode done = get("/api/stats/admin/rebuild", admin);
		assertThat(done.get("progress").asDouble()).isEqualTo(1.0);
		assertThat(done.get("eventsApplied").asLong()).isGreaterThanOrEqualTo(done.get("eventsTotal").asLong());
	}

	@Test
	void aNewerFetchThanTheDeletionInTheSameBatchDoesNotWinByArrivingLast() {
		Account account = new Account(ArchiveVisibility.PUBLIC);
		account.history().forEach(this::publish);
		account.awaitFacts(5, 2);
		PostFetched old = (PostFetched) account.history().get(4);

		// A fetch from an overlapping sync, older than the deletion, delivered after it.
		publish(new PostDeleted(UUID.randomUUID(), PostDeleted.SCHEMA_VERSION, Instant.now(), account.did, old.uri()));
		publish(old);
		PostFetched marker = (PostFetched) account.marker().get(0);
		publish(marker);
		await(() -> this.database.sql("SELECT count(*) FROM stats.post_fact WHERE uri = :uri").bind("uri", marker.uri())
			.map((row) -> row.get(0, Long.class)).one().block() == 1, () -> "the marker is not in");

		assertThat(get("/api/stats/" + account.handle + "/summary", null).at("/totals/quotes").asLong()).isZero();
	}

	@Test
	void aHandleChangeOnBlueskyFollowsTheAccount() {
		Account account = new Account(ArchiveVisibility.PUBLIC);
		account.history().forEach(this::publish);
		account.awaitFacts(5, 2);
		String renamed = "r" + account.handle;

		publish(dev.skylog.events.profile.ProfileFetched.of(EventMetadata.now(), account.did, renamed, null, null, null,
				null, 0, 0, 0, List.of(), null));
		await(() -> client().get().uri("/api/stats/" + renamed + "/summary").exchange().returnResult(String.class)
			.getStatus().value() == 200, () -> "still not found as " + renamed);
	}

	@Test
	void aPrivateAccountsStatisticsAreItsOwnersOnly() {
		Account account = new Account(ArchiveVisibility.PRIVATE);
		account.history().forEach(this::publish);
		account.awaitFacts(5, 2);

		for (String path : List.of("/summary", "/daily", "/calendar", "/heatmap", "/hashtags", "/partners")) {
			problem(client().get().uri("/api/stats/" + account.handle + path), null, 404, "account_not_found");
			problem(client().get().uri("/api/stats/" + account.handle + path), auth.session(BOB, false), 404,
					"account_not_found");
		}
		assertThat(get("/api/stats/" + account.handle + "/summary", auth.session(account.did, false))
			.at("/totals/posts").asLong()).isEqualTo(2);
	}

	@Test
	void badInputIsA400Problem() {
		Account account = new Account(ArchiveVisibility.PUBLIC);
		account.history().forEach(this::publish);
		account.awaitFacts(5, 2);
		String stats = "/api/stats/" + account.handle;

		problem(client().get().uri("/api/stats/nobody.test/summary"), null, 404, "account_not_found");
		problem(client().get().uri("/api/stats/bad_handle!/summary"), null, 400, "invalid_request");
		for (String query : List.of("/daily?from=2025-02-30", "/daily?from=2025-03-05&to=2025-03-01",
				"/daily?from=2000-01-01&to=2025-01-01", "/calendar?year=1999", "/calendar?year=abc", "/hashtags?limit=0",
				"/partners?limit=101")) {
			problem(client().get().uri(stats + query), null, 400, "invalid_request");
		}
	}

	@Test
	void appliedEventsLagAndRebuildProgressAreMetrics() {
		Account account = new Account(ArchiveVisibility.PUBLIC);
		account.history().forEach(this::publish);
		account.awaitFacts(5, 2);

		String metrics = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.managementPort).build().get()
			.uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class).returnResult()
			.getResponseBody();

		assertThat(metrics).contains("skylog_events_applied_total{application=\"stats-service\",topic=\"skylog.posts.v1\"}",
				"skylog_stats_rebuild_progress{", "skylog_stats_rebuild_running{",
				"kafka_consumer_fetch_manager_records_lag_max{");
	}

	@Test
	void theApiIsDescribedByOpenApi() {
		JsonNode docs = get("/v3/api-docs", null);

		assertThat(docs.get("paths").propertyNames()).contains("/api/stats/{handle}/summary",
				"/api/stats/{handle}/daily", "/api/stats/{handle}/calendar", "/api/stats/{handle}/heatmap",
				"/api/stats/{handle}/hashtags", "/api/stats/{handle}/partners", "/api/stats/admin/rebuild");
	}

	/** Every row of every fact table, in a stable order: two equal strings are two identical sets of tables. */
	private String tables() {
		return this.database.sql("""
				SELECT md5(string_agg(t, '|' ORDER BY t)) FROM (
				    SELECT row(f.*)::text AS t FROM stats.post_fact f
				    UNION ALL SELECT row(l.*)::text FROM stats.like_fact l
				    UNION ALL SELECT row(d.*)::text FROM stats.deleted_fact d
				    UNION ALL SELECT row(a.*)::text FROM stats.account a) s
				""").map((row) -> row.get(0, String.class)).one().block();
	}

	/** The victim's facts other than the marker posts, and its account row. */
	private String tablesOf(Account account) {
		return this.database.sql("""
				SELECT md5(string_agg(t, '|' ORDER BY t)) FROM (
				    SELECT row(f.*)::text AS t FROM stats.post_fact f WHERE did = :did AND uri NOT LIKE '%/3m%'
				    UNION ALL SELECT row(l.*)::text FROM stats.like_fact l WHERE did = :did
				    UNION ALL SELECT row(d.*)::text FROM stats.deleted_fact d WHERE did = :did AND uri NOT LIKE '%/3m%'
				    UNION ALL SELECT row(a.*)::text FROM stats.account a WHERE did = :did) s
				""").bind("did", account.did).map((row) -> row.get(0, String.class)).one().block();
	}

	private String everything(Account account) {
		String stats = "/api/stats/" + account.handle;
		return get(stats + "/daily?from=2025-03-01&to=2025-03-05", null) + "|" + get(stats + "/summary", null) + "|"
				+ get(stats + "/heatmap", null) + get(stats + "/hashtags", null) + get(stats + "/partners", null);
	}

	private static String day(JsonNode days, int index) {
		JsonNode d = days.get(index);
		return d.get("date").asString() + " posts=" + d.get("posts") + " replies=" + d.get("replies") + " quotes="
				+ d.get("quotes") + " reposts=" + d.get("reposts") + " likes=" + d.get("likes") + " media="
				+ d.get("withMedia") + " chars=" + d.get("characters");
	}

	private static int chars(String text) {
		return text.codePointCount(0, text.length());
	}

	private JsonNode get(String uri, String session) {
		WebTestClient.RequestHeadersSpec<?> request = client().get().uri(uri);
		if (session != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + session);
		}
		return EventJson.mapper().readTree(request.exchange().expectStatus().isOk().expectBody(String.class)
			.returnResult().getResponseBody());
	}

	private void problem(WebTestClient.RequestHeadersSpec<?> request, String session, int status, String code) {
		if (session != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + session);
		}
		request.exchange()
			.expectStatus().isEqualTo(status)
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.code").isEqualTo(code);
	}

	private WebTestClient client() {
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30)).build();
	}

	private void publish(SkylogEvent event) {
		this.publisher.publish(event).join();
	}

	private static void await(Supplier<Boolean> condition, Supplier<String> state) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!condition.get()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("not within 60 s: " + state.get());
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	/** One account's history: posts on 1, 2, 3 and 5 March 2025 in Tokyo, and two likes. */
	final class Account {

		final String did = "did:plc:" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);

		final String handle = "s" + this.did.substring(8, 20) + ".test";

		final ArchiveVisibility visibility;

		private final List<SkylogEvent> history;

		Account(ArchiveVisibility visibility) {
			this.visibility = visibility;
			this.history = List.copyOf(build());
		}

		List<SkylogEvent> history() {
			return this.history;
		}

		String uri(String rkey) {
			return "at://" + this.did + "/app.bsky.feed.post/" + rkey;
		}

		String likeUri(String rkey) {
			return "at://" + this.did + "/app.bsky.feed.like/" + rkey;
		}

		/** A post in 2024, so it changes no number the tests look at; it shows the events before it are applied. */
		List<SkylogEvent> marker() {
			return List.of(post("3m" + System.nanoTime(), PostKind.POST, "marker", "2024-01-01T00:00:00Z", List.of(),
					List.of(), null));
		}

		List<SkylogEvent> many(int count) {
			List<SkylogEvent> events = new ArrayList<>(List.of(linked()));
			for (int i = 0; i < count; i++) {
				events.add(post("3n" + i, PostKind.POST, "たくさん " + i,
						Instant.parse("2024-06-01T00:00:00Z").plusSeconds(600L * i).toString(), List.of(), List.of(), null));
			}
			return events;
		}

		void awaitFacts(long posts, long likes) {
			String sql = "SELECT (SELECT count(*) FROM stats.post_fact WHERE did = '" + this.did + "') || ' ' || "
					+ "(SELECT count(*) FROM stats.like_fact WHERE did = '" + this.did + "') || ' ' || "
					+ "(SELECT count(*) FROM stats.account WHERE did = '" + this.did + "')";
			Supplier<String> state = () -> StatsApiTests.this.database.sql(sql)
				.map((row) -> row.get(0, String.class)).one().block();
			await(() -> state.get().equals(posts + " " + likes + " 1"), state);
		}

		private List<SkylogEvent> build() {
			return List.of(linked(),
					post("3p1", PostKind.POST, "こんにちは #日本語", "2025-03-01T14:30:00Z",
							List.of(new Facet(16, 26, Facet.Kind.TAG, "日本語")), List.of(), null),
					post("3p2", PostKind.POST, "東京タワー #日本語 #旅行", "2025-03-01T15:30:00Z",
							List.of(new Facet(16, 26, Facet.Kind.TAG, "日本語"), new Facet(27, 34, Facet.Kind.TAG, "旅行")),
							List.of(new Media(Media.Kind.IMAGE, "タワー", "https://cdn/t", "https://cdn/f", 10, 10)), null),
					post("3p3", PostKind.REPLY, "@bob.test おはよう", "2025-03-02T03:00:00Z",
							List.of(new Facet(0, 9, Facet.Kind.MENTION, BOB)), List.of(),
							new ReplyRef("at://" + BOB + "/app.bsky.feed.post/r", "at://" + BOB + "/app.bsky.feed.post/r",
									BOB, "bob.test")),
					post("3p4", PostKind.QUOTE, "見て", "2025-03-03T00:00:00Z", List.of(), List.of(), null),
					PostFetched.of(EventMetadata.now(), this.did, "at://" + this.did + "/app.bsky.feed.repost/3p5", "bafyr",
							PostKind.REPOST, Instant.parse("2025-03-05T10:00:00Z"), Instant.parse("2025-03-05T10:00:00Z"),
							new PostContent("at://" + BOB + "/app.bsky.feed.post/b1", "bafyb", BOB, "bob.test",
									"Bob's #bobtag post", List.of(new Facet(6, 13, Facet.Kind.TAG, "bobtag")), List.of(),
									List.of(new Media(Media.Kind.IMAGE, "", null, null, 1, 1)), null, null, null,
									Instant.parse("2025-03-05T09:00:00Z"), null)),
					LikeFetched.of(EventMetadata.now(), this.did, likeUri("3l1"), "at://" + BOB + "/app.bsky.feed.post/b1",
							Instant.parse("2025-03-01T16:00:00Z"), null),
					LikeFetched.of(EventMetadata.now(), this.did, likeUri("3l2"), "at://" + BOB + "/app.bsky.feed.post/b2",
							Instant.parse("2025-03-03T01:00:00Z"), null));
		}

		private AccountLinked linked() {
			return AccountLinked.of(EventMetadata.now(), this.did, this.handle, URI.create("http://127.0.0.1:2583"), true,
					new AccountSettings(ZoneId.of("Asia/Tokyo"), this.visibility, true));
		}

		private PostFetched post(String rkey, PostKind kind, String text, String at, List<Facet> facets,
				List<Media> media, ReplyRef reply) {
			Instant instant = Instant.parse(at);
			return PostFetched.of(EventMetadata.now(), this.did, uri(rkey), "bafy" + rkey, kind, instant, instant,
					new PostContent(uri(rkey), "bafy" + rkey, this.did, this.handle, text, facets, List.of("ja"), media,
							null, (kind == PostKind.QUOTE) ? "at://" + BOB + "/app.bsky.feed.post/q" : null, reply,
							instant, null));
		}

	}

}
