package dev.skylog.e2e;

import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import dev.skylog.devstack.RunningStack;
import dev.skylog.testkit.devnet.Devnet;
import dev.skylog.testkit.devnet.DevnetRepo;
import dev.skylog.testkit.session.TestSessions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Skylog as its users meet it: the local stack (Kafka, the six services, the AT Protocol reference network) and
 * only the gateway's REST API. A seeded account logs in, its history is collected by itself and the archive holds
 * exactly what the PDS lists; statistics agree; new posts and likes arrive with the next sync, a deleted post
 * leaves; a rebuild by replay gives the same numbers; logging out ends the session; deleting the account removes
 * every row of it in every service's database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTests {

	static final String HANDLE = "alice.test";

	static final String PASSWORD = "alice-password";

	static final String PDS = "http://localhost:2583";

	static final String DEVNET_CONTROL = "http://127.0.0.1:2589";

	private final Gateway gateway = new Gateway("http://localhost:8080");

	private final DevnetRepo repo = new DevnetRepo(PDS);

	private final TestSessions sessions = new TestSessions();

	private RunningStack stack;

	private String did;

	private String token;

	private Instant lastSyncCompleted = Instant.EPOCH;

	private Gateway.Answer firstLogin;

	private String bobDid;

	private String bobToken;

	@BeforeAll
	void startTheStack() {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		assertThat(classPath).contains("kafka_2.13").contains(File.pathSeparator);
		// auth-service signs sessions with a key this test holds, so it can make an expired one the system trusts.
		this.stack = RunningStack.start(Path.of("").toAbsolutePath().getParent(), classPath, "skylog_e2e",
				Duration.ofSeconds(240), Map.of("SKYLOG_AUTH_SESSION_SIGNINGJWK", this.sessions.signingJwk(),
						// Pages of 25: a 1,000-post sync takes 40 requests, long enough to fail in the middle of.
						"SKYLOG_FETCHER_BLUESKY_PAGESIZE", "25",
						// A Bluesky call that has not answered in 8 s is given up and retried (20 s in production).
						"SKYLOG_FETCHER_BLUESKY_TIMEOUT", "8s"));
		assertThat(this.stack.isUp()).as(this.stack.printed()).isTrue();
	}

	@AfterAll
	void stopTheStack() throws Exception {
		this.sessions.close();
		if (this.stack != null) {
			this.stack.close();
		}
	}

	@Test
	@Order(1)
	void afterLoginTheArchiveHoldsExactlyWhatThePdsLists() {
		this.firstLogin = this.gateway.post("/api/auth/login", null,
				"{\"identifier\":\"" + HANDLE + "\",\"password\":\"" + PASSWORD + "\"}");
		JsonNode session = this.firstLogin.ok();
		this.did = session.path("did").asString();
		this.token = session.path("accessToken").asString();
		awaitSync("the first sync, which the login starts by itself");

		Set<String> posts = new HashSet<>(this.repo.listRecords(this.did, "app.bsky.feed.post"));
		posts.addAll(this.repo.listRecords(this.did, "app.bsky.feed.repost"));
		assertThat(archivedPosts()).isEqualTo(posts);
		assertThat(archivedLikes()).isEqualTo(this.repo.listRecords(this.did, "app.bsky.feed.like"));

		JsonNode counts = this.gateway.get("/api/archive/" + HANDLE, this.token).ok().path("counts");
		Map<String, Long> truth = groundTruthCounts();
		assertThat(Map.of("posts", counts.path("posts").asLong(), "replies", counts.path("replies").asLong(),
				"quotes", counts.path("quotes").asLong(), "reposts", counts.path("reposts").asLong(), "likes",
				counts.path("likes").asLong()))
			.isEqualTo(truth);
	}

	@Test
	@Order(2)
	void theStatisticsCountTheSame() {
		Map<String, Long> truth = groundTruthCounts();
		eventually("stats totals equal the PDS's records", () -> statsTotals().equals(truth));
	}

	@Test
	@Order(3)
	void newPostsAndLikesArriveWithTheNextSyncAndADeletedPostLeaves() {
		String pdsJwt = this.repo.login(HANDLE, PASSWORD);
		String post = this.repo.createRecord(this.did, pdsJwt, "app.bsky.feed.post",
				Map.of("$type", "app.bsky.feed.post", "text", "エンドツーエンドの新しい投稿 e2e",
						"createdAt", Instant.now().toString()))
			.path("uri").asString();
		String bob = this.repo.resolveHandle("bob.test");
		JsonNode bobsPost = this.repo.records(bob, "app.bsky.feed.post").get(0);
		String like = this.repo.createRecord(this.did, pdsJwt, "app.bsky.feed.like",
				Map.of("$type", "app.bsky.feed.like", "createdAt", Instant.now().toString(), "subject",
						Map.of("uri", bobsPost.path("uri").asString(), "cid", bobsPost.path("cid").asString())))
			.path("uri").asString();
		Devnet.processAll(DEVNET_CONTROL);

		syncNow();
		assertThat(archivedPosts()).contains(post);
		assertThat(archivedLikes()).contains(like);
		eventually("stats count the new post and like", () -> statsTotals().equals(groundTruthCounts()));

		this.repo.deleteRecord(pdsJwt, post);
		Devnet.processAll(DEVNET_CONTROL);
		syncNow();
		eventually("the deleted post leaves the archive", () -> !archivedPosts().contains(post));
		eventually("and the statistics", () -> statsTotals().equals(groundTruthCounts()));
	}

	@Test
	@Order(4)
	void aStatsRebuildByReplayGivesTheSameNumbers() {
		JsonNode before = this.gateway.get("/api/stats/" + HANDLE + "/summary", this.token).ok();

		assertThat(this.gateway.post("/api/stats/admin/rebuild", this.token, null).status()).isEqualTo(202);
		eventually("the rebuild finished", () -> {
			JsonNode status = this.gateway.get("/api/stats/admin/rebuild", this.token).ok();
			return status.path("finishedAt").isString() && !status.path("state").asString().matches("REPLAYING|SWAPPING|CATCHING_UP");
		});

		JsonNode status = this.gateway.get("/api/stats/admin/rebuild", this.token).ok();
		assertThat(absent(status.path("failure"))).as(status.toString()).isTrue();
		assertThat(status.path("eventsApplied").asLong()).isPositive();
		assertThat(this.gateway.get("/api/stats/" + HANDLE + "/summary", this.token).ok()).isEqualTo(before);
	}

	@Test
	@Order(5)
	void badInputOnEveryPublicEndpointIsA4xxProblemAndChangesNothing() {
		JsonNode before = storedState();
		String bob = this.repo.resolveHandle("bob.test");

		List<String> wrong = new ArrayList<>();
		for (BadInput.Probe probe : BadInput.refused(HANDLE, bob)) {
			Gateway.Answer answer = this.gateway.send(probe.method(), probe.path(), this.token, probe.body(),
					probe.contentType());
			// Netty refuses a request line or headers it will not read before any application code runs.
			boolean protocolLevel = answer.status() == 413 || answer.status() == 414 || answer.status() == 431;
			if (answer.status() < 400 || answer.status() >= 500
					|| (!protocolLevel && !answer.contentType().startsWith("application/problem+json"))) {
				wrong.add(probe + " → " + answer.status() + " " + answer.contentType() + " "
						+ answer.text().substring(0, Math.min(200, answer.text().length())));
			}
		}
		for (BadInput.Probe probe : BadInput.answered(HANDLE)) {
			Gateway.Answer answer = this.gateway.send(probe.method(), probe.path(), this.token, probe.body(),
					probe.contentType());
			if (answer.status() >= 500) {
				wrong.add(probe + " → " + answer.status() + " " + answer.text());
			}
		}

		assertThat(wrong).as("bad input not answered with a 4xx problem").isEmpty();
		assertThat(storedState()).as("nothing stored changed").isEqualTo(before);
	}

	/**
	 * Bluesky's access and refresh tokens and Skylog's own session tokens are JWTs: base64url JSON, so they begin
	 * "eyJ" and their payload does too. None may be readable in any database column, log line or Kafka record.
	 */
	@Test
	@Order(6)
	void noTokenIsReadableInAnyDatabaseLogOrKafkaRecord() throws Exception {
		String jwt = "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}";
		java.util.regex.Pattern token = java.util.regex.Pattern.compile(jwt);
		List<String> found = new ArrayList<>(columnsMatching(jwt));

		try (var logs = java.nio.file.Files.list(this.stack.home().resolve("logs"))) {
			for (Path log : logs.toList()) {
				try (var lines = java.nio.file.Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
					long hits = lines.filter((line) -> token.matcher(line).find()).count();
					if (hits > 0) {
						found.add(log.getFileName() + ": " + hits + " lines");
					}
				}
			}
		}

		java.util.Map<String, Object> config = java.util.Map.of("bootstrap.servers", "127.0.0.1:9092",
				"enable.auto.commit", "false");
		try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(config,
				new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
				new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
			List<String> topics = consumer.listTopics().keySet().stream().filter((t) -> t.startsWith("skylog.")).toList();
			assertThat(topics).contains("skylog.accounts.v1", "skylog.posts.v1");
			List<org.apache.kafka.common.TopicPartition> partitions = topics.stream()
				.flatMap((topic) -> consumer.partitionsFor(topic).stream()
					.map((info) -> new org.apache.kafka.common.TopicPartition(topic, info.partition())))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			var end = consumer.endOffsets(partitions);
			long records = 0;
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (partitions.stream().anyMatch((p) -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
				for (var record : consumer.poll(Duration.ofMillis(500))) {
					records++;
					StringBuilder text = new StringBuilder();
					if (record.key() != null) {
						text.append(new String(record.key(), java.nio.charset.StandardCharsets.ISO_8859_1));
					}
					if (record.value() != null) {
						text.append(' ').append(new String(record.value(), java.nio.charset.StandardCharsets.ISO_8859_1));
					}
					record.headers().forEach((header) -> text.append(' ')
						.append(new String(header.value(), java.nio.charset.StandardCharsets.ISO_8859_1)));
					if (token.matcher(text).find()) {
						found.add("kafka " + record.topic() + "@" + record.offset());
					}
				}
			}
			assertThat(partitions).allSatisfy((p) -> assertThat(consumer.position(p)).isEqualTo(end.get(p)));
			assertThat(records).as("records read back").isPositive();
		}

		assertThat(found).as("places a token is readable").isEmpty();
	}

	/**
	 * Another user's session, a forged identity header, a tampered token: none reaches what is alice's alone, and
	 * the internal token API is neither routed nor answering without its credential.
	 */
	@Test
	@Order(7)
	void noOneElseReachesWhatIsTheOwnersAlone() {
		JsonNode bobSession = this.gateway.post("/api/auth/login", null,
				"{\"identifier\":\"bob.test\",\"password\":\"bob-password\"}").ok();
		String bob = bobSession.path("accessToken").asString();
		this.bobDid = bobSession.path("did").asString();
		this.bobToken = bob;
		String alicePost = this.gateway.get("/api/archive/" + HANDLE + "/posts?kinds=post&limit=1", this.token).ok()
			.path("posts").get(0).path("rkey").asString();
		Map<String, String> forged = Map.of("X-Skylog-Did", this.did, "X-Forwarded-User", this.did);

		List<String> reached = new ArrayList<>();
		for (String[] attempt : new String[][] { { "GET", "/api/archive/" + HANDLE + "/likes" },
				{ "GET", "/api/archive/" + HANDLE + "/export?format=json" },
				{ "DELETE", "/api/archive/" + HANDLE + "/posts/" + alicePost }, { "POST", "/api/sync/" + this.did },
				{ "POST", "/api/stats/admin/rebuild" }, { "POST", "/api/auth/invitations" } }) {
			for (String caller : new String[] { bob, null }) {
				Gateway.Answer answer = this.gateway.send(attempt[0], attempt[1], caller, null, null, forged);
				if (answer.status() / 100 == 2 || answer.status() >= 500) {
					reached.add(attempt[0] + " " + attempt[1] + " as " + ((caller == null) ? "anonymous" : "bob") + " → "
							+ answer.status());
				}
			}
		}
		assertThat(reached).as("owner-only routes reached by someone else").isEmpty();
		assertThat(archivedPosts()).anyMatch((uri) -> uri.endsWith("/" + alicePost));

		// A private archive is not there at all for anyone else.
		String publicSettings = "{\"timeZone\":\"UTC\",\"visibility\":\"PUBLIC\",\"allowCrawlers\":true}";
		this.gateway.send("PUT", "/api/auth/me/settings", this.token, publicSettings.replace("PUBLIC", "PRIVATE"),
				"application/json").ok();
		eventually("the archive turned private", () -> this.gateway.get("/api/archive/" + HANDLE, null).status() == 404);
		assertThat(this.gateway.get("/api/archive/" + HANDLE, bob).status()).isEqualTo(404);
		assertThat(this.gateway.get("/api/archive/" + HANDLE + "/posts", bob).status()).isEqualTo(404);
		eventually("the statistics turned private", () -> this.gateway.get("/api/stats/" + HANDLE + "/summary", bob).status() == 404);
		assertThat(this.gateway.get("/api/archive/" + HANDLE, this.token).status()).isEqualTo(200);
		this.gateway.send("PUT", "/api/auth/me/settings", this.token, publicSettings, "application/json").ok();
		eventually("public again", () -> this.gateway.get("/api/archive/" + HANDLE, null).status() == 200);

		String tampered = this.token.substring(0, this.token.length() - 2)
				+ (this.token.endsWith("AA") ? "BB" : "AA");
		Gateway.Answer refused = this.gateway.get("/api/auth/me", tampered);
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.contentType()).startsWith("application/problem+json");

		assertThat(this.gateway.get("/internal/accounts/" + this.did + "/access-token", null).status()).isEqualTo(404);
		assertThat(this.gateway.get("/actuator/env", null).status()).isEqualTo(404);
		Gateway auth = new Gateway("http://localhost:8081");
		assertThat(auth.get("/internal/accounts/" + this.did + "/access-token", null).status()).isEqualTo(401);
		assertThat(auth.get("/internal/accounts/" + this.did + "/access-token", "not-the-service-credential").status())
			.isEqualTo(401);
	}

	@Test
	@Order(8)
	void theRefreshCookieIsHttpOnlySecureAndSameSite() {
		// Attribute names are case-insensitive (RFC 6265); Spring writes "HTTPOnly".
		assertThat(this.firstLogin.headers().allValues("Set-Cookie")).singleElement()
			.satisfies((cookie) -> assertThat(cookie.toLowerCase(java.util.Locale.ROOT))
				.contains("; httponly", "; secure", "; samesite=lax", "; path=/api/auth"));
	}

	@Test
	@Order(9)
	void anExpiredSessionIsRefusedWhereTheSameKeysFreshOneIsNot() {
		String likes = "/api/archive/" + HANDLE + "/likes?limit=1";
		Instant now = Instant.now();
		String fresh = this.sessions.token((claims) -> claims.subject(this.did).claim("handle", HANDLE)
			.claim("scope", "user"));
		assertThat(this.gateway.get(likes, fresh).status()).as("a session signed with auth's key").isEqualTo(200);

		// Past the verifiers' 60 s allowance for clock skew.
		String expired = this.sessions.token((claims) -> claims.subject(this.did).claim("handle", HANDLE)
			.claim("scope", "user").issuedAt(now.minus(Duration.ofMinutes(20))).expiresAt(now.minus(Duration.ofMinutes(5))));
		for (String path : List.of(likes, "/api/auth/me", "/api/sync/" + this.did, "/api/stats/" + HANDLE + "/summary")) {
			Gateway.Answer refused = this.gateway.get(path, expired);
			assertThat(refused.status()).as(path).isEqualTo(401);
			assertThat(refused.contentType()).as(path).startsWith("application/problem+json");
		}
	}

	@Test
	@Order(10)
	void loggingOutEndsTheSession() {
		assertThat(this.gateway.post("/api/auth/session/refresh", null, null).status()).isEqualTo(200);

		assertThat(this.gateway.post("/api/auth/logout", this.token, null).status() / 100).isEqualTo(2);

		assertThat(this.gateway.post("/api/auth/session/refresh", null, null).status()).isEqualTo(401);
	}

	@Test
	@Order(11)
	void deletingTheAccountRemovesEveryRowOfItInEveryStoreButTheDeletionFence() throws Exception {
		JsonNode session = this.gateway.post("/api/auth/login", null,
				"{\"identifier\":\"" + HANDLE + "\",\"password\":\"" + PASSWORD + "\"}").ok();
		this.token = session.path("accessToken").asString();
		// The login starts a sync; this test deletes an idle account. (Deleting one while its sync is in flight
		// is a fault case of its own: records fetched before the deletion can still arrive after it.)
		awaitSync("the sync the new login started");

		assertThat(this.gateway.delete("/api/auth/me", this.token).status()).isEqualTo(204);
		// Bob's archive keeps his replies to and likes of alice's posts, as Bluesky does: deleting bob too (once his
		// sync is done) leaves nothing of anyone's that names alice.
		eventually("bob's first sync completed", () -> {
			JsonNode state = this.gateway.get("/api/sync/" + this.bobDid, null).body();
			return state.path("lastCompletedAt").isString() && absent(state.path("inFlightUntil"));
		});
		assertThat(this.gateway.delete("/api/auth/me", this.bobToken).status()).isEqualTo(204);

		eventually("the archive is gone", () -> this.gateway.get("/api/archive/" + HANDLE, null).status() == 404);
		eventually("the statistics are gone", () -> this.gateway.get("/api/stats/" + HANDLE + "/summary", null).status() == 404);
		// Left on purpose: the deletion fences of archive and stats, the DID and when it was deleted and nothing
		// else, which keep late events and a rebuild by replay from bringing the account back (the topics keep its
		// events). Bob's fences name bob, not alice.
		List<String> fence = fences();
		try {
			eventually("no database holds a row that names the account", () -> fence.containsAll(rowsNaming(this.did)));
		}
		catch (AssertionError timedOut) {
			assertThat(rowsNaming(this.did)).as("rows naming " + this.did).isSubsetOf(fence);
		}
		try (Connection stats = DriverManager.getConnection(
				"jdbc:postgresql://127.0.0.1:5432/" + this.stack.database("stats"), "postgres", "");
				var row = stats.prepareStatement("SELECT handle, deleted_at FROM stats.account WHERE did = ?")) {
			row.setString(1, this.did);
			try (ResultSet fenceRow = row.executeQuery()) {
				assertThat(fenceRow.next()).isTrue();
				assertThat(fenceRow.getString("handle")).as("the fence keeps no handle").isNull();
				assertThat(fenceRow.getTimestamp("deleted_at")).isNotNull();
			}
		}
	}

	/**
	 * A record no consumer can read, on every topic something consumes: each consuming service moves it to
	 * {@code <topic>.dlt} with the reason, and the events behind it still flow: the deleted account logs in again
	 * and its whole history is collected once more.
	 */
	@Test
	@Order(12)
	void aPoisonRecordOnEveryConsumedTopicIsDeadLetteredAndTheRestFlow() throws Exception {
		Map<String, Set<String>> consumers = Map.of("skylog.accounts.v1",
				Set.of("sync-scheduler", "archive-service", "stats-service"), "skylog.sync-requests.v1",
				Set.of("fetcher-service"), "skylog.sync-status.v1", Set.of("sync-scheduler", "archive-service"),
				"skylog.profiles.v1", Set.of("archive-service", "stats-service"), "skylog.posts.v1",
				Set.of("archive-service", "stats-service"), "skylog.likes.v1", Set.of("archive-service", "stats-service"));
		String marker = "poison-" + java.util.UUID.randomUUID();
		var producerConfig = Map.<String, Object>of("bootstrap.servers", "127.0.0.1:9092", "acks", "all");
		try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(producerConfig,
				new org.apache.kafka.common.serialization.StringSerializer(),
				new org.apache.kafka.common.serialization.StringSerializer())) {
			for (String topic : consumers.keySet()) {
				producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, this.did,
						"{\"type\":\"" + marker + "\", truncated")).get();
			}
		}

		Map<String, Set<String>> deadLettered = new java.util.HashMap<>();
		List<String> reasons = new ArrayList<>();
		var consumerConfig = Map.<String, Object>of("bootstrap.servers", "127.0.0.1:9092", "enable.auto.commit",
				"false");
		try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(consumerConfig,
				new org.apache.kafka.common.serialization.StringDeserializer(),
				new org.apache.kafka.common.serialization.StringDeserializer())) {
			List<org.apache.kafka.common.TopicPartition> partitions = consumers.keySet().stream()
				.flatMap((topic) -> consumer.partitionsFor(topic + ".dlt").stream()
					.map((info) -> new org.apache.kafka.common.TopicPartition(info.topic(), info.partition())))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			eventually("every consumer dead-lettered the poison on every topic", () -> {
				for (var record : consumer.poll(Duration.ofMillis(500))) {
					if (record.value() != null && record.value().contains(marker)) {
						var group = record.headers().lastHeader("kafka_dlt-original-consumer-group");
						var reason = record.headers().lastHeader("skylog-dlt-reason");
						deadLettered.computeIfAbsent(record.topic().replaceFirst("\\.dlt$", ""), (t) -> new HashSet<>())
							.add((group != null) ? new String(group.value(), java.nio.charset.StandardCharsets.UTF_8) : "?");
						reasons.add((reason != null) ? new String(reason.value(), java.nio.charset.StandardCharsets.UTF_8) : "");
					}
				}
				return deadLettered.equals(consumers);
			});
		}
		assertThat(reasons).as("every dead letter says why").allSatisfy((reason) -> assertThat(reason).isNotBlank());

		JsonNode session = this.gateway.post("/api/auth/login", null,
				"{\"identifier\":\"" + HANDLE + "\",\"password\":\"" + PASSWORD + "\"}").ok();
		this.token = session.path("accessToken").asString();
		awaitSync("the first sync after logging in again");
		Set<String> posts = new HashSet<>(this.repo.listRecords(this.did, "app.bsky.feed.post"));
		posts.addAll(this.repo.listRecords(this.did, "app.bsky.feed.repost"));
		eventually("the archive holds the whole history again", () -> archivedPosts().equals(posts)
				&& archivedLikes().equals(this.repo.listRecords(this.did, "app.bsky.feed.like")));
		eventually("the statistics count it again", () -> statsTotals().equals(groundTruthCounts()));
	}

	/**
	 * The archive's consumer killed (SIGKILL, no offset commit) while a 1,000-post first sync is being stored, and
	 * the statistics' consumer down for all of it; both started again: nothing lost, nothing counted twice.
	 */
	@Test
	@Order(13)
	void consumersKilledInTheMiddleOfASyncLoseAndDoubleNothing() {
		Member carol = newMember("crash", 1000);
		this.stack.kill("stats-service");

		String token;
		try {
			token = logIn(carol.handle(), carol.password());
			long archivedWhenKilled = whenPostsArrive(carol, token, () -> this.stack.kill("archive-service"));
			System.out.println("archive-service killed with " + archivedWhenKilled + " of 1000 posts stored");
			assertThat(archivedWhenKilled).as("posts archived when the archive was killed").isBetween(1L, 999L);
			eventually("the sync completed while two consumers were down", () -> syncEnded(carol.did()));
		}
		finally {
			// Whatever failed above, the tests after this one meet a whole stack.
			this.stack.startAgain("archive-service");
			this.stack.startAgain("stats-service");
		}
		assertNothingLostThenLeave(carol, token, 1000);
	}

	/**
	 * The archive's database refusing every connection (as while its PostgreSQL restarts) during a first sync:
	 * archive-service reports not ready, the sync completes regardless, and once the database answers again every
	 * post is stored; nothing went to a dead-letter topic.
	 */
	@Test
	@Order(14)
	void theArchivesDatabaseGoingAwayDuringASyncMakesItNotReadyAndLosesNothing() throws Exception {
		Member dan = newMember("outage", 300);
		Gateway actuator = new Gateway("http://localhost:9084");
		String database = this.stack.database("archive");

		String token;
		try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
				var sql = admin.createStatement()) {
			sql.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
			try {
				sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
				token = logIn(dan.handle(), dan.password());
				eventually("archive-service reports not ready",
						() -> actuator.get("/actuator/health/readiness", null).status() == 503);
				eventually("the sync completed while the archive's database was away", () -> syncEnded(dan.did()));
				assertThat(actuator.get("/actuator/health/liveness", null).status()).as("alive all along").isEqualTo(200);
			}
			finally {
				sql.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
			}
		}

		eventually("archive-service ready again", () -> actuator.get("/actuator/health/readiness", null).status() == 200);
		assertNothingLostThenLeave(dan, token, 300);
	}

	/**
	 * An account deleted while its 1,000-post first sync is still fetching: the sync goes on for a while on an
	 * access token that is still valid, and what it fetched arrives after the deletion, on other topics. None of it
	 * is stored: once every consumer has caught up, only the deletion fences name the account.
	 */
	@Test
	@Order(15)
	void anAccountDeletedWhileItsSyncIsInFlightStaysDeleted() {
		Member erin = newMember("gone", 1000);
		String token = logIn(erin.handle(), erin.password());
		long storedAtDeletion = whenPostsArrive(erin, token,
				() -> assertThat(this.gateway.delete("/api/auth/me", token).status()).isEqualTo(204));
		System.out.println("account deleted with " + storedAtDeletion + " of 1000 posts stored");
		assertThat(storedAtDeletion).as("posts stored when the account was deleted").isBetween(1L, 999L);

		eventually("the sync in flight ended", () -> recordsKeyedBy(erin.did(), "skylog.sync-status.v1"::equals).stream()
			.anyMatch((value) -> value.contains("\"SyncCompleted\"") || value.contains("\"SyncFailed\"")));
		awaitConsumersCaughtUp();
		assertThat(recordsKeyedBy(erin.did(), "skylog.posts.v1"::equals))
			.as("posts fetched in all, some after the deletion").hasSizeGreaterThan((int) storedAtDeletion);
		eventually("nothing but the fences names the account", () -> fences().containsAll(rowsNaming(erin.did())));
	}

	/**
	 * Bluesky revokes the account's sessions (a password change does) while Skylog's access token has expired: the
	 * next sync's refresh is refused, the account is marked as needing a login (API and settings page), no sync is
	 * requested for it any more, and logging in again resumes collecting.
	 */
	@Test
	@Order(16)
	void aRevokedRefreshTokenStopsCollectingUntilTheAccountLogsInAgain() throws Exception {
		Member member = newMember("revoked", 5);
		String frank = member.did();
		String token = logIn(member.handle(), member.password());
		eventually("the first sync completed", () -> this.gateway.get("/api/sync/" + frank, null).body()
			.path("status").asString("").equals("idle"));

		// The PDS's admin API changes the password, which revokes every refresh token of the account.
		// HTTP/1.1: the PDS does not answer the JDK client's h2c upgrade request.
		java.net.http.HttpResponse<String> changed = java.net.http.HttpClient.newBuilder()
			.version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(
				java.net.http.HttpRequest.newBuilder(java.net.URI.create(PDS + "/xrpc/com.atproto.admin.updateAccountPassword"))
					.header("Authorization", "Basic " + java.util.Base64.getEncoder()
						.encodeToString("admin:admin-pass".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
					.header("Content-Type", "application/json")
					.POST(java.net.http.HttpRequest.BodyPublishers
						.ofString("{\"did\":\"" + frank + "\",\"password\":\"second-password\"}"))
					.build(),
				java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
		try (Connection auth = DriverManager.getConnection(
				"jdbc:postgresql://127.0.0.1:5432/" + this.stack.database("auth"), "postgres", "");
				var expire = auth.prepareStatement(
						"UPDATE account SET access_expires_at = now() - interval '1 minute' WHERE did = ?")) {
			expire.setString(1, frank);
			assertThat(expire.executeUpdate()).isEqualTo(1);
		}

		assertThat(this.gateway.post("/api/sync/" + frank, token, null).status()).isEqualTo(202);
		eventually("the account waits for a login", () -> this.gateway.get("/api/sync/" + frank, null).body()
			.path("status").asString("").equals("reauth_required"));
		JsonNode state = this.gateway.get("/api/sync/" + frank, null).body();
		assertThat(state.path("nextSyncAt").isNull()).as("no sync scheduled: " + state).isTrue();
		assertThat(this.gateway.get("/api/auth/me", token).ok().path("needsLogin").asBoolean()).isTrue();
		Gateway.Answer refused = this.gateway.post("/api/sync/" + frank, token, null);
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.body().path("code").asString()).isEqualTo("reauth_required");
		int requested = recordsKeyedBy(frank, "skylog.sync-requests.v1"::equals).size();
		Thread.sleep(3000);
		assertThat(recordsKeyedBy(frank, "skylog.sync-requests.v1"::equals)).as("sync requests after the refusal")
			.hasSize(requested);

		String again = logIn(member.handle(), "second-password");
		assertThat(this.gateway.get("/api/auth/me", again).ok().path("needsLogin").asBoolean()).isFalse();
		eventually("collecting again", () -> {
			JsonNode resumed = this.gateway.get("/api/sync/" + frank, null).body();
			return resumed.path("status").asString("").equals("idle")
					&& Instant.parse(resumed.path("lastCompletedAt").asString()).isAfter(Instant.parse(
							state.path("lastCompletedAt").asString()));
		});
		assertThat(this.gateway.delete("/api/auth/me", again).status()).isEqualTo(204);
	}

	/**
	 * The Kafka broker stopped (as a rolling restart stops it) in the middle of a 600-post first sync and started
	 * again: every service that consumes or produces events as it works reports not ready while it is away and ready
	 * again after, by itself (auth-service stays ready: its account changes wait in its outbox); the sync's events,
	 * buffered by the fetcher meanwhile, all arrive; nothing is lost, nothing dead-lettered.
	 */
	@Test
	@Order(17)
	void aBrokerRestartDuringASyncMakesServicesNotReadyAndLosesNothing() {
		Member gina = newMember("broker", 600);
		List<Gateway> probes = List.of(9082, 9083, 9084, 9085).stream()
			.map((port) -> new Gateway("http://localhost:" + port)).toList();

		String token = logIn(gina.handle(), gina.password());
		try {
			long stored = whenPostsArrive(gina, token, () -> this.stack.stop("kafka"));
			System.out.println("broker stopped with " + stored + " of 600 posts stored");
			assertThat(stored).as("posts stored when the broker stopped").isBetween(1L, 599L);
			eventually("every service but the gateway and auth-service not ready", () -> probes.stream()
				.allMatch((probe) -> readiness(probe) != 200));
		}
		finally {
			// Whatever failed above, the tests after this one meet a broker.
			this.stack.startAgain("kafka");
		}
		eventually("every service ready again", () -> probes.stream().allMatch((probe) -> readiness(probe) == 200));
		eventually("the sync completed", () -> this.gateway.get("/api/sync/" + gina.did(), null).body()
			.path("status").asString("").equals("idle"));
		assertNothingLostThenLeave(gina, token, 600);
	}

	/**
	 * The fetcher killed (SIGKILL) in the middle of a 1,000-post first sync and started again: the request it never
	 * acknowledged comes back, the sync goes on from the last progress the dead fetcher reported instead of starting
	 * over, and the archive ends up holding every post once.
	 */
	@Test
	@Order(18)
	void aFetcherKilledHalfWayThroughAFirstSyncGoesOnFromItsProgress() {
		Member hana = newMember("fetcher", 1000);
		String token = logIn(hana.handle(), hana.password());
		eventually("the sync reported progress", () -> recordsKeyedBy(hana.did(), "skylog.sync-status.v1"::equals)
			.stream().anyMatch((value) -> value.contains("\"SyncProgress\"")));
		this.stack.kill("fetcher-service");
		List<String> reported = recordsKeyedBy(hana.did(), "skylog.sync-status.v1"::equals);
		assertThat(reported).as("killed before the sync ended").noneMatch((value) -> value.contains("\"SyncCompleted\""));

		this.stack.startAgain("fetcher-service");
		assertEveryPostStoredOnce(hana, token, 1000);
		eventually("the sync completed", () -> syncEnded(hana.did()));
		JsonNode completed = recordsKeyedBy(hana.did(), "skylog.sync-status.v1"::equals).stream()
			.filter((value) -> value.contains("\"SyncCompleted\""))
			.map((value) -> tools.jackson.databind.json.JsonMapper.builder().build().readTree(value))
			.reduce((first, second) -> second)
			.orElseThrow();
		System.out.println("the fetcher started again fetched " + completed.path("postsFetched").asLong()
				+ " of 1000 posts in " + completed.path("requests").asLong() + " requests");
		assertThat(completed.path("postsFetched").asLong()).as("went on from its progress, not from the start")
			.isLessThan(1000);
		assertThat(this.gateway.delete("/api/auth/me", token).status()).isEqualTo(204);
	}

	/**
	 * Bluesky misbehaving in the middle of a sync (the account's PDS reached through {@link FaultyPds}): an access
	 * token refused as expired is refreshed once and the call made again with the new one, a 429 is waited out until
	 * its reset, a 502 and an answer that comes too late retried, a post with an embed of an unknown type kept
	 * without it, a body cut off in the middle recorded as the sync's failure with its reason; the next sync catches
	 * up and the archive holds exactly what the PDS holds.
	 */
	@Test
	@Order(19)
	void blueskyRateLimitingFailingAndAnsweringGarbageIsWaitedOutRetriedReportedAndCaughtUp() throws Exception {
		Member ivy = newMember("flaky", 100);
		String token = logIn(ivy.handle(), ivy.password());
		eventually("the first sync completed", () -> syncEnded(ivy.did()));
		try (FaultyPds pds = new FaultyPds(PDS);
				Connection auth = DriverManager.getConnection(
						"jdbc:postgresql://127.0.0.1:5432/" + this.stack.database("auth"), "postgres", "");
				var reroute = auth.prepareStatement("UPDATE account SET pds_url = ? WHERE did = ?")) {
			// From now on the fetcher (and auth-service's refreshes) reach the account's PDS through the faults.
			reroute.setString(1, pds.url());
			reroute.setString(2, ivy.did());
			assertThat(reroute.executeUpdate()).isEqualTo(1);
			String jwt = this.repo.login(ivy.handle(), ivy.password());
			for (int i = 0; i < 3; i++) {
				this.repo.createRecord(ivy.did(), jwt, "app.bsky.feed.post", Map.of("$type", "app.bsky.feed.post",
						"text", "after the first sync " + i, "createdAt", Instant.now().toString()));
			}
			Devnet.processAll(DEVNET_CONTROL);
			pds.fail("app.bsky.feed.getAuthorFeed", FaultyPds.Fault.expiredToken(), FaultyPds.Fault.rateLimited(2),
					FaultyPds.Fault.serverError(), FaultyPds.Fault.slow(Duration.ofSeconds(12)),
					FaultyPds.Fault.unknownEmbed());
			pds.fail("app.bsky.feed.getActorLikes", FaultyPds.Fault.truncated());

			Instant asked = Instant.now();
			assertThat(this.gateway.post("/api/sync/" + ivy.did(), token, null).status()).isEqualTo(202);
			eventually("the sync failed on the cut-off answer, with that reason", () -> {
				JsonNode state = this.gateway.get("/api/sync/" + ivy.did(), null).body();
				return "UPSTREAM_INVALID_RESPONSE".equals(state.path("lastFailureReason").asString(null))
						&& absent(state.path("inFlightUntil"));
			});
			assertThat(pds.faultsLeft())
				.as("the expired token, the 429, the 502 and the late answer were got past: the sync reached the likes")
				.isZero();
			List<FaultyPds.Call> feedCalls = pds.calls("app.bsky.feed.getAuthorFeed");
			assertThat(pds.calls("com.atproto.server.refreshSession")).as("one refresh for the refused token").hasSize(1);
			assertThat(feedCalls.get(1).authorization()).as("the call after the refusal carries the new token")
				.startsWith("Bearer ")
				.isNotEqualTo(feedCalls.get(0).authorization());
			assertThat(feedCalls.subList(1, feedCalls.size())).extracting(FaultyPds.Call::authorization)
				.containsOnly(feedCalls.get(1).authorization());
			// The posts of the page that came through (its newest with an embed of an unknown type) were kept.
			Set<String> newest = this.repo.records(ivy.did(), "app.bsky.feed.post").stream()
				.filter((record) -> record.path("value").path("text").asString("").startsWith("after the first sync"))
				.map((record) -> record.path("uri").asString())
				.collect(java.util.stream.Collectors.toSet());
			assertThat(newest).hasSize(3);
			eventually("the page with the unknown embed is archived", () -> pages("/api/archive/" + ivy.handle()
					+ "/posts?limit=100", "posts", token).containsAll(newest));

			assertThat(this.gateway.post("/api/sync/" + ivy.did(), token, null).status()).isEqualTo(202);
			eventually("the next sync completed", () -> {
				JsonNode state = this.gateway.get("/api/sync/" + ivy.did(), null).body();
				return state.path("lastCompletedAt").isString() && absent(state.path("inFlightUntil"))
						&& Instant.parse(state.path("lastCompletedAt").asString()).isAfter(asked);
			});
			assertNothingLostThenLeave(ivy, token, 103);
		}
	}

	/**
	 * The broker away while a person logs in and makes their archive private, and auth-service killed (SIGKILL)
	 * after both committed, before its outbox reached Kafka; later the broker away again while they delete their
	 * account. Every call answers success, and once the broker and auth-service are back, every service converges:
	 * the account is collected, its archive and statistics are private, then gone.
	 */
	@Test
	@Order(20)
	void accountChangesMadeWhileTheBrokerIsAwayArriveEvenAfterAuthServiceIsKilled() {
		Member kim = newMember("outbox", 3);
		String token;
		try {
			this.stack.stop("kafka");
			token = logIn(kim.handle(), kim.password());
			assertThat(this.gateway.send("PUT", "/api/auth/me/settings", token,
					"{\"timeZone\":\"Asia/Tokyo\",\"visibility\":\"PRIVATE\",\"allowCrawlers\":false}",
					"application/json").status()).as("settings changed while the broker is away").isEqualTo(200);
			this.stack.kill("auth-service");
		}
		finally {
			this.stack.startAgain("kafka");
			this.stack.startAgain("auth-service");
		}
		String owner = token;
		eventually("the login's sync completed", () -> syncEnded(kim.did()));
		eventually("the owner sees the archive", () -> this.gateway.get("/api/archive/" + kim.handle(), owner)
			.status() == 200);
		eventually("the owner sees the statistics", () -> this.gateway.get("/api/stats/" + kim.handle() + "/summary",
				owner).body().path("totals").path("posts").asLong() == 3);
		eventually("others see no archive", () -> this.gateway.get("/api/archive/" + kim.handle(), null).status() == 404);
		eventually("others see no statistics",
				() -> this.gateway.get("/api/stats/" + kim.handle() + "/summary", null).status() == 404);
		assertThat(this.gateway.get("/api/archive/" + kim.handle(), owner).body().path("counts").path("posts").asLong())
			.isEqualTo(3);

		try {
			this.stack.stop("kafka");
			assertThat(this.gateway.delete("/api/auth/me", owner).status()).as("deleted while the broker is away")
				.isEqualTo(204);
		}
		finally {
			this.stack.startAgain("kafka");
		}
		eventually("the archive is gone", () -> this.gateway.get("/api/archive/" + kim.handle(), owner).status() == 404);
		eventually("the statistics are gone",
				() -> this.gateway.get("/api/stats/" + kim.handle() + "/summary", owner).status() == 404);
	}

	/** Wrong passwords, one after another from one address: a 429 problem with Retry-After stops them. */
	@Test
	@Order(21)
	void loginAttemptsAreRateLimited() {
		List<Integer> statuses = new ArrayList<>();
		Gateway.Answer limited = null;
		for (int attempt = 0; attempt < 12 && limited == null; attempt++) {
			Gateway.Answer answer = this.gateway.post("/api/auth/login", null,
					"{\"identifier\":\"" + HANDLE + "\",\"password\":\"wrong-" + attempt + "\"}");
			statuses.add(answer.status());
			if (answer.status() == 429) {
				limited = answer;
			}
		}
		assertThat(statuses).as("answers before the limit").allMatch((status) -> status == 401 || status == 429);
		assertThat(limited).as("a 429 within 12 attempts: " + statuses).isNotNull();
		assertThat(limited.contentType()).startsWith("application/problem+json");
		assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isPositive();
		// The right password does not get through the limit either.
		assertThat(this.gateway.post("/api/auth/login", null,
				"{\"identifier\":\"" + HANDLE + "\",\"password\":\"" + PASSWORD + "\"}").status())
			.isEqualTo(429);
	}

	// ------------------------------------------------------------------------------------------------------------

	/** What the account has stored, as its owner sees it: settings, the archive's counts, the statistics. */
	private JsonNode storedState() {
		var state = tools.jackson.databind.json.JsonMapper.builder().build().createObjectNode();
		state.set("me", this.gateway.get("/api/auth/me", this.token).ok().path("settings"));
		state.set("counts", this.gateway.get("/api/archive/" + HANDLE, this.token).ok().path("counts"));
		state.set("stats", this.gateway.get("/api/stats/" + HANDLE + "/summary", this.token).ok().path("totals"));
		return state;
	}

	private void syncNow() {
		Gateway.Answer asked = this.gateway.post("/api/sync/" + this.did, this.token, null);
		assertThat(asked.status()).as(asked.text()).isEqualTo(202);
		awaitSync("the manual sync");
	}

	private void awaitSync(String what) {
		Instant after = this.lastSyncCompleted;
		eventually(what + " completed", () -> {
			JsonNode state = this.gateway.get("/api/sync/" + this.did, null).body();
			String completed = state.path("lastCompletedAt").asString(null);
			if (completed == null || !Instant.parse(completed).isAfter(after) || !absent(state.path("inFlightUntil"))) {
				return false;
			}
			this.lastSyncCompleted = Instant.parse(completed);
			return true;
		});
	}

	private Set<String> archivedPosts() {
		return pages("/api/archive/" + HANDLE + "/posts?limit=100", "posts");
	}

	private Set<String> archivedLikes() {
		return pages("/api/archive/" + HANDLE + "/likes?limit=100", "likes");
	}

	private Set<String> pages(String path, String field) {
		return pages(path, field, this.token);
	}

	private Set<String> pages(String path, String field, String token) {
		Set<String> uris = new HashSet<>();
		String cursor = null;
		do {
			JsonNode page = this.gateway.get(path + ((cursor != null) ? "&cursor=" + java.net.URLEncoder.encode(cursor,
					java.nio.charset.StandardCharsets.UTF_8) : ""), token).ok();
			page.path(field).forEach((item) -> uris.add(item.path("uri").asString()));
			cursor = page.path("nextCursor").asString(null);
		}
		while (cursor != null);
		return uris;
	}

	/** What the PDS says the account wrote, by kind, the way Skylog counts it. */
	private Map<String, Long> groundTruthCounts() {
		long posts = 0;
		long replies = 0;
		long quotes = 0;
		for (JsonNode record : this.repo.records(this.did, "app.bsky.feed.post")) {
			JsonNode value = record.path("value");
			String embed = value.path("embed").path("$type").asString("");
			if (!value.path("reply").isMissingNode()) {
				replies++;
			}
			else if (embed.equals("app.bsky.embed.record") || embed.equals("app.bsky.embed.recordWithMedia")) {
				quotes++;
			}
			else {
				posts++;
			}
		}
		return Map.of("posts", posts, "replies", replies, "quotes", quotes, "reposts",
				(long) this.repo.listRecords(this.did, "app.bsky.feed.repost").size(), "likes",
				(long) this.repo.listRecords(this.did, "app.bsky.feed.like").size());
	}

	private Map<String, Long> statsTotals() {
		JsonNode totals = this.gateway.get("/api/stats/" + HANDLE + "/summary", this.token).ok().path("totals");
		return Map.of("posts", totals.path("posts").asLong(), "replies", totals.path("replies").asLong(), "quotes",
				totals.path("quotes").asLong(), "reposts", totals.path("reposts").asLong(), "likes",
				totals.path("likes").asLong());
	}

	/** Every table column, in every service's database, with rows holding the DID. */
	private List<String> rowsNaming(String did) {
		return columnsMatching(did.replaceAll("[^A-Za-z0-9]", "\\\\$0"));
	}

	/**
	 * Every column of every table, in every service's database, with rows matching a POSIX regular expression:
	 * text and JSON as they are, byte arrays with their printable bytes as text (how a token stored unsealed in a
	 * bytea column would show).
	 */
	private List<String> columnsMatching(String regex) {
		List<String> found = new ArrayList<>();
		for (String suffix : List.of("auth", "scheduler", "archive", "stats")) {
			String database = this.stack.database(suffix);
			try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "")) {
				List<String[]> columns = new ArrayList<>();
				try (ResultSet rs = db.createStatement().executeQuery("""
						SELECT c.table_schema, c.table_name, c.column_name, c.data_type FROM information_schema.columns c
						JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
						WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema')
						  AND t.table_type = 'BASE TABLE' AND c.table_name <> 'flyway_schema_history'
						  AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'bytea')
						""")) {
					while (rs.next()) {
						columns.add(new String[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4) });
					}
				}
				for (String[] column : columns) {
					String value = column[3].equals("bytea") ? "encode(\"" + column[2] + "\", 'escape')"
							: "\"" + column[2] + "\"::text";
					String sql = "SELECT count(*) FROM \"" + column[0] + "\".\"" + column[1] + "\" WHERE " + value + " ~ ?";
					try (var statement = db.prepareStatement(sql)) {
						statement.setString(1, regex);
						try (ResultSet rs = statement.executeQuery()) {
							rs.next();
							if (rs.getLong(1) > 0) {
								found.add(database + " " + column[0] + "." + column[1] + "." + column[2] + ": " + rs.getLong(1));
							}
						}
					}
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException(database + ": " + ex.getMessage(), ex);
			}
		}
		return found;
	}

	/** A devnet account of a fault test: its own, so a fault in its sync touches no other test's data. */
	private record Member(String handle, String did, String password) {

	}

	/** A new devnet account with {@code posts} plain posts, indexed by the AppView. */
	private Member newMember(String prefix, int posts) {
		String handle = prefix + Long.toString(System.nanoTime() % 100000, 36) + ".test";
		String password = prefix + "-password";
		JsonNode account = this.repo.createAccount(handle.substring(0, handle.indexOf('.')), password);
		String did = account.path("did").asString();
		this.repo.post(did, account.path("accessJwt").asString(), posts, prefix);
		Devnet.processAll(DEVNET_CONTROL);
		return new Member(handle, did, password);
	}

	/**
	 * Logs in through the gateway; answers the session token. Every login of this run comes from one address, so
	 * one may meet the gateway's login budget (10 a minute): it waits as told by {@code Retry-After}, once, as a
	 * client should.
	 */
	private String logIn(String handle, String password) {
		String body = "{\"identifier\":\"" + handle + "\",\"password\":\"" + password + "\"}";
		Gateway.Answer answer = this.gateway.post("/api/auth/login", null, body);
		if (answer.status() == 429) {
			long seconds = Long.parseLong(answer.headers().firstValue("Retry-After").orElse("60"));
			System.out.println("login budget spent; waiting " + seconds + " s as told");
			try {
				Thread.sleep(Duration.ofSeconds(seconds + 1));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			answer = this.gateway.post("/api/auth/login", null, body);
		}
		return answer.ok().path("accessToken").asString();
	}

	/** Waits for the member's first posts in the archive, then does {@code fault} at once; answers how many. */
	private long whenPostsArrive(Member member, String token, Runnable fault) {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (System.nanoTime() < deadline) {
			Gateway.Answer archive = this.gateway.get("/api/archive/" + member.handle(), token);
			long stored = (archive.status() == 200) ? archive.body().path("counts").path("posts").asLong() : 0;
			if (stored > 0) {
				fault.run();
				return stored;
			}
		}
		return 0;
	}

	/** The archive holds exactly the member's posts on the PDS, and the statistics count each once. */
	private void assertEveryPostStoredOnce(Member member, String token, long posts) {
		eventually("the archive holds every post once", () -> {
			JsonNode counts = this.gateway.get("/api/archive/" + member.handle(), token).ok().path("counts");
			return counts.path("posts").asLong() == posts && counts.path("replies").asLong() == 0;
		});
		assertThat(pages("/api/archive/" + member.handle() + "/posts?limit=100", "posts", token))
			.isEqualTo(this.repo.listRecords(member.did(), "app.bsky.feed.post"));
		eventually("the statistics count every post once", () -> this.gateway
			.get("/api/stats/" + member.handle() + "/summary", token).ok().path("totals").path("posts").asLong() == posts);
	}

	/** Every post stored once and nothing of the member on a dead-letter topic; then the member leaves. */
	private void assertNothingLostThenLeave(Member member, String token, long posts) {
		assertEveryPostStoredOnce(member, token, posts);
		assertThat(deadLettersOf(member.did())).as("records of the account on a dead-letter topic").isZero();
		assertThat(this.gateway.delete("/api/auth/me", token).status()).isEqualTo(204);
	}

	/**
	 * A readiness probe as Kubernetes makes it: an answer that takes longer than a few seconds counts as not ready
	 * (0), like a 503.
	 */
	private static int readiness(Gateway probe) {
		try {
			return probe.get("/actuator/health/readiness", null, Duration.ofSeconds(3)).status();
		}
		catch (RuntimeException ex) {
			return 0;
		}
	}

	private boolean syncEnded(String did) {
		JsonNode state = this.gateway.get("/api/sync/" + did, null).body();
		return state.path("lastCompletedAt").isString() && absent(state.path("inFlightUntil"));
	}

	/** Records keyed by the account on any dead-letter topic. */
	private static long deadLettersOf(String did) {
		return recordsKeyedBy(did, (topic) -> topic.startsWith("skylog.") && topic.endsWith(".dlt")).size();
	}

	/** The values of every record keyed by the account on the topics named. */
	private static List<String> recordsKeyedBy(String did, java.util.function.Predicate<String> topics) {
		var config = Map.<String, Object>of("bootstrap.servers", "127.0.0.1:9092", "enable.auto.commit", "false");
		try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(config,
				new org.apache.kafka.common.serialization.StringDeserializer(),
				new org.apache.kafka.common.serialization.StringDeserializer())) {
			List<org.apache.kafka.common.TopicPartition> partitions = consumer.listTopics().keySet().stream()
				.filter(topics)
				.flatMap((topic) -> consumer.partitionsFor(topic).stream()
					.map((info) -> new org.apache.kafka.common.TopicPartition(topic, info.partition())))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			var end = consumer.endOffsets(partitions);
			List<String> found = new ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (partitions.stream().anyMatch((p) -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
				for (var record : consumer.poll(Duration.ofMillis(500))) {
					if (did.equals(record.key())) {
						found.add(String.valueOf(record.value()));
					}
				}
			}
			return found;
		}
	}

	/** Until archive-service and stats-service have committed everything on every topic they read. */
	private static void awaitConsumersCaughtUp() {
		try (var admin = org.apache.kafka.clients.admin.Admin
			.create(Map.<String, Object>of("bootstrap.servers", "127.0.0.1:9092"))) {
			eventually("archive-service and stats-service caught up", () -> {
				try {
					for (String group : List.of("archive-service", "stats-service")) {
						var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
						var latest = admin.listOffsets(committed.keySet().stream().collect(java.util.stream.Collectors
							.toMap((tp) -> tp, (tp) -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get();
						for (var entry : committed.entrySet()) {
							if (entry.getValue() != null
									&& entry.getValue().offset() < latest.get(entry.getKey()).offset()) {
								return false;
							}
						}
					}
					return true;
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
				catch (java.util.concurrent.ExecutionException ex) {
					throw new IllegalStateException(ex);
				}
			});
		}
	}

	/** The rows account deletion leaves on purpose: archive's and stats' fences, the DID and when. */
	private List<String> fences() {
		return List.of(this.stack.database("archive") + " public.account_deletion.did: 1",
				this.stack.database("stats") + " stats.account.did: 1");
	}

	private static boolean absent(JsonNode node) {
		return node.isNull() || node.isMissingNode();
	}

	private static void eventually(String what, Supplier<Boolean> condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		AssertionError last = null;
		while (System.nanoTime() < deadline) {
			try {
				if (condition.get()) {
					return;
				}
			}
			catch (AssertionError | RuntimeException ex) {
				last = (ex instanceof AssertionError assertion) ? assertion : new AssertionError(ex);
			}
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new AssertionError("not within 90 s: " + what, last);
	}

}
