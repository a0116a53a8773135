package dev.skylog.archive.api;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import dev.skylog.events.EventJson;
import dev.skylog.events.EventMetadata;
import dev.skylog.events.SkylogEvent;
import dev.skylog.events.account.AccountSettings;
import dev.skylog.events.account.AccountSettings.ArchiveVisibility;
import dev.skylog.events.account.AccountSettingsChanged;
import dev.skylog.events.kafka.EventPublisher;
import dev.skylog.events.post.PostContent;
import dev.skylog.events.post.PostFetched;
import dev.skylog.testkit.kafka.TestKafka;
import dev.skylog.testkit.postgres.TestPostgres;
import dev.skylog.testkit.session.TestSessions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read API over HTTP, fed through the real broker: events in, answers out. Sessions are JWTs signed by a
 * key served as a JWKS the way auth-service serves it, which is what the gateway forwards.
 */
// Every archive context consumes as the group "archive-service": closed after its class, or two would split partitions.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@DirtiesContext
class ArchiveApiTests {

	static final TestSessions auth = new TestSessions();

	@DynamicPropertySource
	static void dependencies(DynamicPropertyRegistry registry) {
		TestKafka.registerProperties(registry);
		TestPostgres.freshDatabase("archive_api").registerProperties(registry);
		auth.registerProperties(registry);
	}

	@AfterAll
	static void stop() {
		auth.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	EventPublisher publisher;

	@Autowired
	DatabaseClient database;

	@Test
	void theFrontPageShowsProfileCountsSyncStateAndTheNewestPosts() {
		ArchiveHistory history = archived(ArchiveVisibility.PUBLIC);

		JsonNode anonymous = get("/api/archive/" + history.handle, null);
		assertThat(anonymous.get("did").asString()).isEqualTo(history.did);
		assertThat(anonymous.get("timeZone").asString()).isEqualTo("Asia/Tokyo");
		assertThat(anonymous.at("/profile/displayName").asString()).isEqualTo("Alice テスト");
		assertThat(anonymous.at("/counts/posts").asLong()).isEqualTo(5);
		assertThat(anonymous.at("/counts/replies").asLong()).isEqualTo(1);
		assertThat(anonymous.at("/counts/quotes").asLong()).isEqualTo(1);
		assertThat(anonymous.at("/counts/reposts").asLong()).isEqualTo(1);
		assertThat(anonymous.at("/counts/total").asLong()).isEqualTo(8);
		assertThat(anonymous.at("/counts/likes").isNull()).as("likes are the owner's only").isTrue();
		assertThat(anonymous.at("/counts/firstPostAt").asString()).isEqualTo("2025-01-01T15:30:00Z");
		assertThat(anonymous.at("/sync/state").asString()).isEqualTo("COMPLETED");
		assertThat(rkeys(anonymous)).containsExactly("3a08", "3a07", "3a06", "3a05", "3a04", "3a03", "3a02", "3a01");
		assertThat(anonymous.at("/posts/0/kind").asString()).isEqualTo("REPOST");
		assertThat(anonymous.at("/posts/0/post/authorHandle").asString()).isEqualTo("bob.test");

		assertThat(get("/api/archive/" + history.did, null).get("handle").asString()).isEqualTo(history.handle);
		assertThat(get("/api/archive/" + history.handle.toUpperCase(), null).get("did").asString())
			.isEqualTo(history.did);
		assertThat(get("/api/archive/" + history.handle, owner(history)).at("/counts/likes").asLong()).isEqualTo(3);
	}

	@Test
	void pagesWalkTheWholeTimelineInBothDirectionsWithoutGapsOrRepeats() {
		ArchiveHistory history = archived(ArchiveVisibility.PUBLIC);

		assertThat(walk(history, "newest")).containsExactly("3a08", "3a07", "3a06", "3a05", "3a04", "3a03", "3a02",
				"3a01");
		assertThat(walk(history, "oldest")).containsExactly("3a01", "3a02", "3a03", "3a04", "3a05", "3a06", "3a07",
				"3a08");
	}

	@Test
	void japaneseSearchFindsExactlyThePostsContainingOneTwoOrMoreCharacters() {
		ArchiveHistory history = archived(ArchiveVisibility.PUBLIC);

		assertThat(search(history, "晴")).containsExactly("3a01");
		assertThat(search(history, "は")).containsExactlyInAnyOrder("3a01", "3a05");
		assertThat(search(history, "東京")).containsExactly("3a02");
		assertThat(search(history, "京タ")).containsExactly("3a02");
		assertThat(search(history, "東京タワー")).containsExactly("3a02");
		assertThat(search(history, "タワーに行った")).containsExactly("3a02");
		assertThat(search(history, "猫 かわいい")).as("every word must occur").containsExactly("3a04");
		assertThat(search(history, "猫 晴れ")).isEmpty();
		assertThat(search(history, "大阪")).isEmpty();
		assertThat(search(history, "旅")).containsExactlyInAnyOrder("3a02", "3a07");
		assertThat(search(history, "ﾀﾜｰ")).as("half-width katakana").containsExactly("3a02");
	}

	@Test
	void latinSearchIgnoresCaseAndWidthAndTakesWildcardsLiterally() {
		ArchiveHistory history = archived(ArchiveVisibility.PUBLIC);

		assertThat(search(history, "hello")).containsExactly("3a03");
		assertThat(search(history, "WORLD")).containsExactly("3a03");
		assertThat(search(history, "abc")).as("full-width ＡＢＣ").containsExactly("3a06");
		assertThat(search(history, "%")).containsExactly("3a07");
		assertThat(search(history, "_確率_")).containsExactly("3a07");
		assertThat(search(history, "_")).containsExactly("3a07");
		assertThat(search(history, "w")).containsExactly("3a03");
		assertThat(search(history, "Bob's")).as("a repost is found by the reposted text").containsExactly("3a08");
	}

	@Test
	void filtersNarrowTheTimeline() {
		ArchiveHistory history = archived(ArchiveVisibility.PUBLIC);
		String posts = "/api/archive/" + history.handle + "/posts?";

		assertThat(rkeys(get(posts + "hashtag=旅行", null))).containsExactly("3a07", "3a02");
		assertThat(rkeys(get(posts + "hashtag={tag}", null, "#旅行"))).containsExactly("3a07", "3a02");
		assertThat(rkeys(get(posts + "mention=bob.test", null))).containsExactly("3a05");
		assertThat(rkeys(get(posts + "mention=" + ArchiveHistory.BOB, null))).containsExactly("3a05");
		assertThat(rkeys(get(posts + "mention=nobody.test", null))).isEmpty();
		assertThat(rkeys(get(posts + "has=media", null))).containsExactly("3a02");
		assertThat(rkeys(get(posts + "has=link", null))).containsExactly("3a03");
		assertThat(rkeys(get(posts + "kinds=-reply,-repost,-quote", null)))
			.containsExactly("3a06", "3a04", "3a03", "3a02", "3a01");
		assertThat(rkeys(get(posts + "kinds=reply,quote", null))).containsExactly("3a07", "3a05");
		assertThat(rkeys(get(posts + "lang=en", null))).as("en finds en-US").containsExactly("3a08", "3a03");
		// 15:30 UTC on 1 January is 00:30 on 2 January in Tokyo.
		assertThat(rkeys(get(posts + "from=2025-01-01&to=2025-01-01", null))).isEmpty();
		assertThat(rkeys(get(posts + "from=2025-01-02&to=2025-01-03", null))).containsExactly("3a03", "3a02", "3a01");
		assertThat(rkeys(get(posts + "q=は&from=2025-01-03", null))).containsExactly("3a05");
	}

	@Test
	void daysMonthsAndOnThisDayFollowTheAccountsTimeZone() {
		ArchiveHistory history = archived(ArchiveVisibility.PUBLIC);
		String archive = "/api/archive/" + history.handle;

		assertThat(rkeys(get(archive + "/days/2025-01-02", null).get("page"))).containsExactly("3a01", "3a02");
		assertThat(rkeys(get(archive + "/days/2025-01-01", null).get("page"))).isEmpty();

		JsonNode months = get(archive + "/months", null);
		assertThat(months.toString())
			.isEqualTo("[{\"month\":\"2026-01\",\"count\":2},{\"month\":\"2025-02\",\"count\":1},"
					+ "{\"month\":\"2025-01\",\"count\":5}]");

		JsonNode january = get(archive + "/months/2025-01", null);
		assertThat(january.get("count").asLong()).isEqualTo(5);
		assertThat(january.get("days").toString()).isEqualTo("[{\"date\":\"2025-01-02\",\"count\":2},"
				+ "{\"date\":\"2025-01-03\",\"count\":1},{\"date\":\"2025-01-04\",\"count\":1},"
				+ "{\"date\":\"2025-01-05\",\"count\":1}]");
		assertThat(rkeys(january.get("page"))).containsExactly("3a01", "3a02", "3a03", "3a04", "3a05");

		JsonNode onThisDay = get(archive + "/on-this-day?date=2026-01-02", null);
		assertThat(onThisDay.at("/years/0/year").asInt()).isEqualTo(2025);
		assertThat(onThisDay.at("/years/0/posts").findValuesAsString("rkey")).containsExactly("3a02", "3a01");
		assertThat(onThisDay.get("years")).hasSize(1);
	}

	@Test
	void rankingsCountHashtagsAndReplyPartners() {
		ArchiveHistory history = archived(ArchiveVisibility.PUBLIC);

		assertThat(get("/api/archive/" + history.handle + "/hashtags", null).toString())
			.isEqualTo("[{\"tag\":\"旅行\",\"count\":2}]");
		assertThat(get("/api/archive/" + history.handle + "/replies", null).toString())
			.isEqualTo("[{\"did\":\"" + ArchiveHistory.BOB + "\",\"handle\":\"bob.test\",\"count\":1}]");
	}

	@Test
	void likesAreTheOwnersOnly() {
		ArchiveHistory history = archived(ArchiveVisibility.PUBLIC);
		String likes = "/api/archive/" + history.handle + "/likes";

		problem(likes, null, 401, "not_logged_in");
		problem(likes, auth.session(ArchiveHistory.BOB, false), 403, "owner_only");
		JsonNode page = get(likes + "?limit=2", owner(history));
		assertThat(page.get("likes").findValuesAsString("uri")).containsExactly(
				"at://" + history.did + "/app.bsky.feed.like/3l03", "at://" + history.did + "/app.bsky.feed.like/3l02");
		JsonNode rest = get(likes + "?limit=2&cursor=" + page.get("nextCursor").asString(), owner(history));
		assertThat(rest.get("likes").findValuesAsString("uri"))
			.containsExactly("at://" + history.did + "/app.bsky.feed.like/3l01");
		assertThat(rest.get("nextCursor").isNull()).isTrue();
	}

	@Test
	void aPrivateArchiveIsNotFoundForAnyoneButItsOwner() {
		ArchiveHistory history = archived(ArchiveVisibility.PRIVATE);
		String archive = "/api/archive/" + history.handle;

		for (String path : List.of("", "/posts", "/months", "/days/2025-01-02", "/hashtags", "/replies", "/likes",
				"/export")) {
			problem(archive + path, null, 404, "archive_not_found");
			problem(archive + path, auth.session(ArchiveHistory.BOB, false), 404, "archive_not_found");
		}
		assertThat(get(archive, owner(history)).at("/counts/total").asLong()).isEqualTo(8);

		publish(AccountSettingsChanged.of(EventMetadata.now(), history.did,
				new AccountSettings(ZoneId.of("Asia/Tokyo"), ArchiveVisibility.PUBLIC, true)));
		await(() -> client().get().uri(archive).exchange().returnResult(String.class).getStatus().value() == 200);
	}

	@Test
	void aForgedOrForeignSessionIsRefusedNotIgnored() {
		ArchiveHistory history = archived(ArchiveVisibility.PRIVATE);

		problem("/api/archive/" + history.handle, auth.tokenOfAnotherKey(history.did), 401, "not_logged_in");
		problem("/api/archive/" + history.handle, auth.token((claims) -> claims.subject(history.did)
			.audience(List.of("somebody-else"))), 401, "not_logged_in");
		client().get().uri("/api/archive/" + history.handle).header("X-Skylog-Did", history.did).exchange()
			.expectStatus().isNotFound();
	}

	@Test
	void theOwnerHidesAPostAndALaterFetchKeepsItHidden() {
		ArchiveHistory history = archived(ArchiveVisibility.PUBLIC);
		String post = "/api/archive/" + history.handle + "/posts/3a04";

		client().delete().uri(post).exchange().expectStatus().isUnauthorized();
		client().delete().uri(post).header(HttpHeaders.AUTHORIZATION, bearer(auth.session(ArchiveHistory.BOB, false)))
			.exchange().expectStatus().isForbidden();
		client().delete().uri(post).header(HttpHeaders.AUTHORIZATION, bearer(owner(history))).exchange()
			.expectStatus().isNoContent();
		client().delete().uri("/api/archive/" + history.handle + "/posts/3zzz")
			.header(HttpHeaders.AUTHORIZATION, bearer(owner(history))).exchange().expectStatus().isNotFound();
		client().delete().uri("/api/archive/" + history.handle + "/posts/a%2Fb")
			.header(HttpHeaders.AUTHORIZATION, bearer(owner(history))).exchange().expectStatus().isBadRequest();
		assertThat(search(history, "猫")).isEmpty();

		PostFetched again = history.posts.get(3);
		publish(PostFetched.of(EventMetadata.now(), again.did(), again.uri(), again.cid(), again.kind(),
				again.createdAt(), again.sortAt(), again.content()));
		// Posts of one account share a partition: once a later post is in, the fetch before it was applied.
		PostFetched first = history.posts.get(0);
		PostContent content = first.content();
		String later = history.postUri("3a99");
		publish(PostFetched.of(EventMetadata.now(), first.did(), later, first.cid(), first.kind(), first.createdAt(),
				first.sortAt(), new PostContent(later, content.cid(), content.authorDid(), content.authorHandle(),
						content.text(), content.facets(), content.langs(), content.media(), content.link(),
						content.quotedUri(), content.reply(), content.createdAt(), content.engagement())));
		awaitSql("SELECT count(*) FROM post WHERE did = '" + history.did + "'", 9);
		assertThat(search(history, "猫")).isEmpty();
		assertThat(get("/api/archive/" + history.handle, null).at("/counts/total").asLong()).isEqualTo(8);
	}

	@Test
	void theOwnerExportsCsvAndJsonStreamed() {
		ArchiveHistory history = archived(ArchiveVisibility.PUBLIC);
		String export = "/api/archive/" + history.handle + "/export";

		problem(export, null, 401, "not_logged_in");
		problem(export, auth.session(ArchiveHistory.BOB, false), 403, "owner_only");

		var csv = client().get().uri(export + "?format=csv").header(HttpHeaders.AUTHORIZATION, bearer(owner(history)))
			.exchange().expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith("text/csv")
			.expectHeader().valueMatches(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"skylog-.*\\.csv\"")
			.expectBody(String.class).returnResult().getResponseBody();
		String[] lines = csv.split("\r\n");
		assertThat(lines).hasSize(9);
		assertThat(lines[0]).startsWith("uri,kind,created_at");
		assertThat(lines[1]).startsWith("\"" + history.postUri("3a01") + "\",\"post\"").contains("\"今日は晴れ\"");
		assertThat(lines[6]).as("a formula is defused, quotes doubled")
			.contains("\"'=SUM(A1) ＡＢＣ全角と \"\"quoted\"\"\"");

		JsonNode json = EventJson.mapper().readTree(client().get().uri(export + "?format=json&from=2025-01-03&to=2025-01-04")
			.header(HttpHeaders.AUTHORIZATION, bearer(owner(history))).exchange().expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody(String.class).returnResult().getResponseBody());
		assertThat(json.findValuesAsString("rkey")).containsExactly("3a03", "3a04");

		problem(export + "?format=xml", owner(history), 400, "invalid_request");
	}

	@Test
	void badInputIsA400ProblemAndAnUnknownArchiveA404() {
		ArchiveHistory history = archived(ArchiveVisibility.PUBLIC);
		String archive = "/api/archive/" + history.handle;

		problem("/api/archive/nobody.test", null, 404, "archive_not_found");
		problem("/api/archive/not_a_handle!", null, 400, "invalid_request");
		for (String query : List.of("/posts?cursor=garbage", "/posts?cursor=" + "eA", "/posts?limit=0",
				"/posts?limit=101", "/posts?limit=abc", "/posts?from=2025-13-01", "/posts?from=2025-01-05&to=2025-01-01",
				"/posts?kinds=bogus", "/posts?kinds=-post,-reply,-quote,-repost", "/posts?has=video",
				"/posts?order=sideways", "/posts?lang=!!", "/posts?q=" + "x".repeat(201), "/posts?q=a b c d e f",
				"/days/yesterday", "/months/2025-13", "/on-this-day?date=x", "/hashtags?limit=0", "/replies?limit=1000")) {
			problem(archive + query, null, 400, "invalid_request");
		}
		client().post().uri(archive).exchange().expectStatus().isUnauthorized();
	}

	@Test
	void publicArchivesThatOptedOutOfCrawlingAreListedForRobotsTxt() {
		ArchiveHistory optedOut = archived(ArchiveVisibility.PUBLIC);
		ArchiveHistory crawlable = archived(ArchiveVisibility.PUBLIC);
		ArchiveHistory hidden = archived(ArchiveVisibility.PRIVATE);
		for (ArchiveHistory history : List.of(optedOut, hidden)) {
			publish(AccountSettingsChanged.of(EventMetadata.now(), history.did,
					new AccountSettings(ZoneId.of("Asia/Tokyo"), history == hidden ? ArchiveVisibility.PRIVATE
							: ArchiveVisibility.PUBLIC, false)));
		}
		awaitSql("SELECT count(*) FROM account_settings WHERE NOT allow_crawlers AND did IN ('" + optedOut.did + "', '"
				+ hidden.did + "')", 2);

		List<String> handles = new ArrayList<>();
		get("/api/archive/crawler-exclusions", null).get("handles").forEach((handle) -> handles.add(handle.asString()));

		assertThat(handles).contains(optedOut.handle).doesNotContain(crawlable.handle, hidden.handle);
	}

	@Test
	void theApiIsDescribedByOpenApi() {
		JsonNode docs = get("/v3/api-docs", null);

		assertThat(docs.get("paths").propertyNames()).contains("/api/archive/{handle}", "/api/archive/{handle}/posts",
				"/api/archive/{handle}/days/{date}", "/api/archive/{handle}/months",
				"/api/archive/{handle}/months/{month}", "/api/archive/{handle}/on-this-day",
				"/api/archive/{handle}/likes", "/api/archive/{handle}/hashtags", "/api/archive/{handle}/replies",
				"/api/archive/{handle}/export", "/api/archive/{handle}/posts/{rkey}");
		assertThat(docs.at("/paths/~1api~1archive~1{handle}~1posts/get/parameters").findValuesAsString("name"))
			.contains("q", "from", "to", "hashtag", "mention", "has", "kinds", "lang", "order", "cursor", "limit");
	}

	private ArchiveHistory archived(ArchiveVisibility visibility) {
		ArchiveHistory history = new ArchiveHistory();
		history.events(visibility).forEach(this::publish);
		awaitSql("SELECT (SELECT count(*) FROM post WHERE did = '" + history.did + "') + (SELECT count(*) FROM liked_post "
				+ "WHERE did = '" + history.did + "') + (SELECT count(*) FROM profile WHERE did = '" + history.did
				+ "') + (SELECT count(*) FROM account_settings WHERE did = '" + history.did + "') + "
				+ "(SELECT count(*) FROM account_sync WHERE did = '" + history.did + "')", 8 + 3 + 1 + 1 + 1);
		return history;
	}

	private List<String> walk(ArchiveHistory history, String order) {
		List<String> seen = new ArrayList<>();
		String cursor = null;
		do {
			JsonNode page = get("/api/archive/" + history.handle + "/posts?limit=3&order=" + order
					+ ((cursor != null) ? "&cursor=" + cursor : ""), null);
			seen.addAll(rkeys(page));
			cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
		}
		while (cursor != null);
		return seen;
	}

	private List<String> search(ArchiveHistory history, String q) {
		return rkeys(get("/api/archive/" + history.handle + "/posts?q={q}", null, q));
	}

	private static List<String> rkeys(JsonNode page) {
		return page.get("posts").findValuesAsString("rkey");
	}

	private String owner(ArchiveHistory history) {
		return auth.session(history.did, false);
	}

	private JsonNode get(String uri, String session, Object... variables) {
		WebTestClient.RequestHeadersSpec<?> request = client().get().uri(uri, variables);
		if (session != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, bearer(session));
		}
		String body = request.exchange().expectStatus().isOk().expectBody(String.class).returnResult()
			.getResponseBody();
		return EventJson.mapper().readTree(body);
	}

	private void problem(String uri, String session, int status, String code) {
		WebTestClient.RequestHeadersSpec<?> request = client().get().uri(uri);
		if (session != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, bearer(session));
		}
		request.exchange()
			.expectStatus().isEqualTo(status)
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.code").isEqualTo(code);
	}

	private static String bearer(String token) {
		return "Bearer " + token;
	}

	private WebTestClient client() {
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30)).build();
	}

	private void publish(SkylogEvent event) {
		this.publisher.publish(event).join();
	}

	private void awaitSql(String countSql, long expected) {
		await(() -> this.database.sql(countSql).map((row) -> row.get(0, Long.class)).one().block() == expected);
	}

	private static void await(Supplier<Boolean> condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!condition.get()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("not within 30 s");
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

}
