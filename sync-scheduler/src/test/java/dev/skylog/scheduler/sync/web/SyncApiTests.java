package dev.skylog.scheduler.sync.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.skylog.events.sync.SyncRequested;
import dev.skylog.scheduler.sync.domain.SyncLease;
import dev.skylog.scheduler.sync.persistence.SyncStateRepository;
import dev.skylog.testkit.kafka.TestKafka;
import dev.skylog.testkit.postgres.TestPostgres;
import dev.skylog.testkit.session.TestSessions;

import static dev.skylog.scheduler.sync.SyncTestEvents.awaitRequests;
import static dev.skylog.scheduler.sync.SyncTestEvents.checkpointWithCursor;
import static dev.skylog.scheduler.sync.SyncTestEvents.newDid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/sync/{did}} over HTTP, with Skylog session JWTs checked against a JWKS served the way auth-service
 * serves it. Accounts are put in place through the repository; what a request sends goes to the real broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "skylog.sync.poll-interval=1h" })
@DirtiesContext
class SyncApiTests {

	static final TestSessions auth = new TestSessions();

	@DynamicPropertySource
	static void dependencies(DynamicPropertyRegistry registry) {
		TestKafka.registerProperties(registry);
		TestPostgres.freshDatabase("scheduler_api").registerProperties(registry);
		auth.registerProperties(registry);
	}

	@AfterAll
	static void stop() {
		auth.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	SyncStateRepository states;

	@Test
	void theAccountItselfMayRequestASyncAndGets202WithItsId() {
		String did = linkedAccount();

		SyncRequestView accepted = post(did, auth.session(did, false)).expectStatus().isAccepted()
			.expectBody(SyncRequestView.class).returnResult().getResponseBody();

		assertThat(accepted.did()).isEqualTo(did);
		SyncRequested request = awaitRequests(did, 1).get(0);
		assertThat(request.syncId()).isEqualTo(accepted.syncId());
		assertThat(request.trigger()).isEqualTo(SyncRequested.Trigger.MANUAL);
		assertThat(request.leaseExpiresAt()).isEqualTo(accepted.leaseExpiresAt());
	}

	@Test
	void aSyncInFlightIs409() {
		String did = linkedAccount();
		post(did, auth.session(did, false)).expectStatus().isAccepted();

		post(did, auth.session(did, false)).expectStatus().isEqualTo(409)
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader().exists(HttpHeaders.RETRY_AFTER)
			.expectBody().jsonPath("$.code").isEqualTo("sync_in_flight");
		awaitRequests(did, 1);
	}

	@Test
	void anAccountWaitingForALoginIs409ReauthRequired() {
		String did = linkedAccount();
		this.states.reauthRequired(did, Instant.now(), Instant.now()).block();

		post(did, auth.session(did, false)).expectStatus().isEqualTo(409)
			.expectBody().jsonPath("$.code").isEqualTo("reauth_required");
	}

	@Test
	void anotherUserIs403() {
		String did = linkedAccount();

		post(did, auth.session(newDid(), false)).expectStatus().isForbidden()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.code").isEqualTo("not_allowed");
		assertThat(this.states.findByDid(did).block().leaseId()).isNull();
	}

	@Test
	void anAdministratorMayRequestAnyAccount() {
		String did = linkedAccount();

		post(did, auth.session(newDid(), true)).expectStatus().isAccepted();
		assertThat(awaitRequests(did, 1).get(0).trigger()).isEqualTo(SyncRequested.Trigger.MANUAL);
	}

	@Test
	void withoutASessionIs401() {
		String did = linkedAccount();

		http().post().uri("/api/sync/{did}", did).exchange().expectStatus().isUnauthorized()
			.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void tokensSkylogDidNotIssueForItselfAre401() {
		String did = linkedAccount();

		post(did, auth.tokenOfAnotherKey(did)).expectStatus().isUnauthorized();
		post(did, auth.token((claims) -> claims.subject(did).issuer("someone-else"))).expectStatus().isUnauthorized();
		post(did, auth.token((claims) -> claims.subject(did).audience(List.of("another-service"))))
			.expectStatus().isUnauthorized();
		post(did, auth.token((claims) -> claims.subject(did)
			.issuedAt(Instant.now().minus(Duration.ofHours(2)))
			.expiresAt(Instant.now().minus(Duration.ofHours(1))))).expectStatus().isUnauthorized();
		assertThat(this.states.findByDid(did).block().leaseId()).isNull();
	}

	@Test
	void aMalformedDidIs400() {
		post("not-a-did", auth.session("did:plc:someone", true)).expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.code").isEqualTo("invalid_did");
		http().get().uri("/api/sync/{did}", "alice.bsky.social").exchange().expectStatus().isBadRequest();
	}

	@Test
	void anUnknownAccountIs404() {
		String did = newDid();

		post(did, auth.session(did, false)).expectStatus().isNotFound()
			.expectBody().jsonPath("$.code").isEqualTo("account_not_found");
		http().get().uri("/api/sync/{did}", did).exchange().expectStatus().isNotFound()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void anyoneMayReadTheStateButNotTheCursors() {
		String did = linkedAccount();
		Instant now = Instant.now();
		SyncLease lease = this.states.claim(did, now, now.plus(Duration.ofMinutes(15)), SyncRequested.Trigger.SCHEDULE)
			.block();
		this.states.progress(did, lease.syncId(), checkpointWithCursor("secret-cursor-of-the-fetcher"), 300, 20, now,
				now.plus(Duration.ofMinutes(15))).block();

		String body = http().get().uri("/api/sync/{did}", did).exchange().expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody(String.class).returnResult().getResponseBody();

		assertThat(body).doesNotContain("secret-cursor").doesNotContain("Cursor").doesNotContain("at://")
			.doesNotContain(lease.syncId().toString());
		http().get().uri("/api/sync/{did}", did).exchange().expectBody()
			.jsonPath("$.did").isEqualTo(did)
			.jsonPath("$.status").isEqualTo("in_flight")
			.jsonPath("$.inFlightUntil").exists()
			.jsonPath("$.nextSyncAt").doesNotExist()
			.jsonPath("$.lastTrigger").isEqualTo("schedule")
			.jsonPath("$.currentSync.posts").isEqualTo(300)
			.jsonPath("$.currentSync.likes").isEqualTo(20)
			.jsonPath("$.newestPostAt").isEqualTo("2026-01-02T03:04:05Z")
			.jsonPath("$.consecutiveFailures").isEqualTo(0);
	}

	@Test
	void anIdleAccountShowsWhenItSyncsNext() {
		String did = linkedAccount();

		http().get().uri("/api/sync/{did}", did).exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.status").isEqualTo("idle")
			.jsonPath("$.nextSyncAt").isNotEmpty()
			.jsonPath("$.inFlightUntil").doesNotExist()
			.jsonPath("$.postsFetched").isEqualTo(0);
	}

	private String linkedAccount() {
		String did = newDid();
		Instant now = Instant.now();
		assertThat(this.states.linked(did, now, now).block()).isTrue();
		return did;
	}

	private WebTestClient.ResponseSpec post(String did, String token) {
		return http().post().uri("/api/sync/{did}", did).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange();
	}

	private WebTestClient http() {
		return WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

}
