package dev.skylog.fetcher.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.skylog.events.EventJson;
import dev.skylog.events.EventMetadata;
import dev.skylog.events.SkylogEvent;
import dev.skylog.events.Topics;
import dev.skylog.events.post.PostFetched;
import dev.skylog.events.sync.SyncCheckpoint;
import dev.skylog.events.sync.SyncCompleted;
import dev.skylog.events.sync.SyncFailed;
import dev.skylog.events.sync.SyncProgress;
import dev.skylog.events.sync.SyncRequested;
import dev.skylog.testkit.kafka.TestKafka;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fetcher against a PDS that rate-limits, fails, answers garbage or refuses the token: it waits, retries,
 * or reports the failure with its reason, and never crashes.
 */
@SpringBootTest(properties = { "skylog.fetcher.auth-service.service-token=" + TokenStub.CREDENTIAL,
		"skylog.fetcher.bluesky.retry-backoff=50ms", "skylog.fetcher.bluesky.retries=2",
		"skylog.fetcher.bluesky.timeout=1s" })
class FetcherAgainstFailingPdsTests {

	static final TokenStub tokens = new TokenStub();

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
	SyncRequestListener listener;

	@Autowired
	MeterRegistry meters;

	@Test
	void a429IsWaitedOutUntilItsResetNotHammered() {
		try (StubPds pds = new StubPds()) {
			String did = account(pds);
			pds.healthy(did, StubPds.post(did, "3aaaaaaaaaa22", null));
			long reset = Instant.now().plusSeconds(2).getEpochSecond();
			pds.answer("app.bsky.feed.getAuthorFeed", (n) -> (n == 0)
					? new StubPds.Reply(429, "{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}",
							Map.of("RateLimit-Limit", "3000", "RateLimit-Remaining", "0", "RateLimit-Reset", Long.toString(reset),
									"RateLimit-Policy", "3000;w=300"))
					: StubPds.Reply.json(200, StubPds.feed(StubPds.post(did, "3aaaaaaaaaa22", null), null)));
			double waitsBefore = waits();

			long started = System.nanoTime();
			SkylogEvent outcome = sync(did);

			assertThat(outcome).isInstanceOf(SyncCompleted.class);
			assertThat(pds.calls("app.bsky.feed.getAuthorFeed")).as("one refused, one after the reset").isEqualTo(2);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(900));
			assertThat(waits() - waitsBefore).isGreaterThanOrEqualTo(1);
		}
	}

	@Test
	void a5xxIsRetriedThenReportedAsUpstreamUnavailable() {
		try (StubPds pds = new StubPds()) {
			String did = account(pds);
			pds.healthy(did, StubPds.post(did, "3aaaaaaaaaa22", null));
			pds.answer("app.bsky.feed.getAuthorFeed",
					(n) -> StubPds.Reply.json(502, "{\"error\":\"InternalServerError\",\"message\":\"Internal Server Error\"}"));

			SkylogEvent outcome = sync(did);

			assertThat(outcome).isInstanceOfSatisfying(SyncFailed.class, (failed) -> {
				assertThat(failed.reason()).isEqualTo(SyncFailed.Reason.UPSTREAM_UNAVAILABLE);
				assertThat(failed.retryable()).isTrue();
				assertThat(failed.detail()).contains("getAuthorFeed", "502");
			});
			assertThat(pds.calls("app.bsky.feed.getAuthorFeed")).as("first try and two retries").isEqualTo(3);
			assertThat(this.meters.find("skylog.fetcher.bluesky.requests").tag("status", "502").counters()).isNotEmpty();
			assertThat(this.meters.find("resilience4j.circuitbreaker.state").tag("name", "pds-127.0.0.1:" + pds.url()
				.substring(pds.url().lastIndexOf(':') + 1)).gauges()).as("circuit state per host is exported").isNotEmpty();
		}
	}

	@Test
	void aPdsThatKeepsNotAnsweringIsRetriedThenReportedAsUpstreamUnavailable() {
		try (StubPds pds = new StubPds()) {
			String did = account(pds);
			pds.healthy(did, StubPds.post(did, "3aaaaaaaaaa22", null));
			pds.answer("app.bsky.feed.getAuthorFeed", (n) -> StubPds.Reply.after(Duration.ofSeconds(5), "{\"feed\":[]}"));

			assertThat(sync(did)).isInstanceOfSatisfying(SyncFailed.class, (failed) -> {
				assertThat(failed.reason()).isEqualTo(SyncFailed.Reason.UPSTREAM_UNAVAILABLE);
				assertThat(failed.retryable()).isTrue();
			});
			assertThat(pds.calls("app.bsky.feed.getAuthorFeed")).as("first try and two retries").isEqualTo(3);
		}
	}

	@Test
	void oneAnswerTooSlowIsRetriedAndTheSyncGoesOn() {
		try (StubPds pds = new StubPds()) {
			String did = account(pds);
			pds.healthy(did, StubPds.post(did, "3aaaaaaaaaa22", null));
			pds.answer("app.bsky.feed.getAuthorFeed", (n) -> (n == 0)
					? StubPds.Reply.after(Duration.ofSeconds(5), "{\"feed\":[]}")
					: StubPds.Reply.json(200, StubPds.feed(StubPds.post(did, "3aaaaaaaaaa22", null), null)));

			assertThat(sync(did)).isInstanceOf(SyncCompleted.class);
			assertThat(pds.calls("app.bsky.feed.getAuthorFeed")).as("the slow one and its retry").isEqualTo(2);
		}
	}

	@Test
	void aTruncatedBodyIsReportedAsAnInvalidResponse() {
		try (StubPds pds = new StubPds()) {
			String did = account(pds);
			pds.healthy(did, StubPds.post(did, "3aaaaaaaaaa22", null));
			pds.answer("app.bsky.feed.getAuthorFeed", (n) -> StubPds.Reply.json(200, "{\"feed\":[{\"post\":{\"uri\":"));

			assertThat(sync(did)).isInstanceOfSatisfying(SyncFailed.class,
					(failed) -> assertThat(failed.reason()).isEqualTo(SyncFailed.Reason.UPSTREAM_INVALID_RESPONSE));
		}
	}

	@Test
	void anUnknownEmbedTypeIsLeftOutNotFatal() {
		try (StubPds pds = new StubPds()) {
			String did = account(pds);
			pds.healthy(did, StubPds.post(did, "3bbbbbbbbbb22",
					"{\"$type\":\"app.bsky.embed.hologram#view\",\"hologram\":{\"depth\":3}}"));

			assertThat(sync(did)).isInstanceOf(SyncCompleted.class);
			assertThat(TestKafka.records(Topics.POSTS.name(), did, 1, Duration.ofSeconds(10)))
				.extracting((r) -> (PostFetched) EventJson.mapper().readValue(r.value(), SkylogEvent.class))
				.singleElement()
				.satisfies((post) -> assertThat(post.content().media()).isEmpty());
		}
	}

	@Test
	void anExpiredAccessTokenIsReplacedOnceAndTheSyncGoesOn() {
		try (StubPds pds = new StubPds()) {
			String did = account(pds);
			pds.healthy(did, StubPds.post(did, "3ccccccccccc2", null));
			pds.answer("app.bsky.actor.getProfile", (n) -> (n == 0)
					? StubPds.Reply.json(400, "{\"error\":\"ExpiredToken\",\"message\":\"Token has expired\"}")
					: StubPds.Reply.json(200, "{\"did\":\"" + did + "\",\"handle\":\"stub.test\"}"));
			int refreshesBefore = tokens.refreshRequests();

			assertThat(sync(did)).isInstanceOf(SyncCompleted.class);
			assertThat(tokens.refreshRequests() - refreshesBefore).isEqualTo(1);
		}
	}

	@Test
	void aPageTheSyncCannotReadLeavesTheProgressOfThePagesBeforeIt() {
		try (StubPds pds = new StubPds()) {
			String did = account(pds);
			pds.healthy(did, StubPds.post(did, "3aaaaaaaaaa22", null));
			pds.answer("app.bsky.feed.getAuthorFeed", (n) -> (n == 0)
					? StubPds.Reply.json(200, StubPds.feed(StubPds.post(did, "3aaaaaaaaaa22", null), "page-2"))
					: StubPds.Reply.json(400, "{\"error\":\"InvalidRequest\",\"message\":\"bad cursor\"}"));

			assertThat(sync(did)).isInstanceOf(SyncFailed.class);
			assertThat(statusEvents(did).stream()
				.filter(SyncProgress.class::isInstance)
				.map((progress) -> ((SyncProgress) progress).checkpoint().postsResumeCursor()))
				.as("the first page's progress, so a retry resumes at the second").containsExactly("page-2");
			assertThat(TestKafka.records(Topics.POSTS.name(), did, 1, Duration.ofSeconds(3))).hasSize(1);
		}
	}

	@Test
	void anAccountThatMustLogInAgainIsReportedAsSuch() {
		String did = "did:plc:" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);

		assertThat(sync(did)).isInstanceOfSatisfying(SyncFailed.class,
				(failed) -> assertThat(failed.reason()).isEqualTo(SyncFailed.Reason.ACCOUNT_GONE));
	}

	private String account(StubPds pds) {
		String did = "did:plc:" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
		tokens.stubAccount(did, pds.url());
		return did;
	}

	private SkylogEvent sync(String did) {
		SyncRequested request = SyncRequested.of(EventMetadata.now(), did, UUID.randomUUID(),
				SyncRequested.Trigger.MANUAL, Instant.now().plusSeconds(600), SyncCheckpoint.empty());
		this.listener.sync(request).block(Duration.ofSeconds(60));
		return statusEvents(did).stream()
			.filter((event) -> event instanceof SyncCompleted || event instanceof SyncFailed)
			.reduce((first, second) -> second)
			.orElseThrow();
	}

	/** What the account's syncs reported on the sync-status topic, oldest first. */
	private static List<SkylogEvent> statusEvents(String did) {
		return TestKafka.records(Topics.SYNC_STATUS.name(), did, 10, Duration.ofSeconds(3)).stream()
			.map((record) -> EventJson.mapper().readValue(record.value(), SkylogEvent.class))
			.toList();
	}

	private double waits() {
		return this.meters.find("skylog.fetcher.bluesky.ratelimit.waits").counters().stream()
			.mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
	}

}
