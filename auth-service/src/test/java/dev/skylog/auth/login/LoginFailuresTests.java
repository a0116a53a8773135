package dev.skylog.auth.login;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.skylog.auth.StubPds;
import dev.skylog.testkit.kafka.TestKafka;
import dev.skylog.testkit.postgres.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logins Bluesky refuses, or cannot answer, become problems a person can act on: never a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "skylog.auth.login-throttle.max-failures=3" })
class LoginFailuresTests {

	static final StubPds pds = new StubPds();

	@DynamicPropertySource
	static void dependencies(DynamicPropertyRegistry registry) {
		TestKafka.registerProperties(registry);
		TestPostgres.freshDatabase("auth_failures").registerProperties(registry);
		registry.add("skylog.auth.identity.entryway", pds::url);
		registry.add("skylog.auth.identity.plc-directory", pds::url);
		registry.add("skylog.auth.identity.allow-private-pds", () -> "true");
	}

	@AfterAll
	static void stop() {
		pds.close();
	}

	@LocalServerPort
	int port;

	@Test
	void aRequiredSignInCodeIs401SayingACodeWasEmailed() {
		pds.answerCreateSession(401, "AuthFactorTokenRequired", "A sign in code has been sent to your email address");

		login("someone@example.com", "app-password").expectStatus().isUnauthorized()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.code").isEqualTo("auth_factor_required")
			.jsonPath("$.detail").value((detail) -> assertThat((String) detail).contains("e-mailed"));
	}

	@Test
	void blueskysRateLimitIs429WithRetryAfter() {
		long reset = Instant.now().plusSeconds(120).getEpochSecond();
		pds.answerCreateSessionWithHeaders(429, "RateLimitExceeded", "Rate Limit Exceeded",
				Map.of("RateLimit-Limit", "30", "RateLimit-Remaining", "0", "RateLimit-Reset", Long.toString(reset)));

		login("limited@example.com", "app-password").expectStatus().isEqualTo(429)
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader().value(HttpHeaders.RETRY_AFTER, (seconds) -> assertThat(Long.parseLong(seconds))
				.isBetween(100L, 121L));
	}

	@Test
	void aPdsThatDoesNotAnswerIs503() {
		String did = "did:plc:unreachablepds00000000000";
		pds.registerDid(did, "http://127.0.0.1:9");

		login(did, "app-password").expectStatus().isEqualTo(503)
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.code").isEqualTo("bluesky_unavailable");
	}

	@Test
	void anUnknownDidIs401UnknownAccount() {
		login("did:plc:nobodyhasthisdid000000000", "app-password").expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.code").isEqualTo("unknown_account");
	}

	@Test
	void repeatedFailuresFromOneAddressForOneIdentifierAreSlowedDown() {
		pds.answerCreateSession(401, "AuthenticationRequired", "Invalid identifier or password");
		int callsBefore = pds.createSessionCalls();

		for (int i = 0; i < 3; i++) {
			login("guessed@example.com", "guess-" + i).expectStatus().isUnauthorized();
		}
		login("guessed@example.com", "guess-3").expectStatus().isEqualTo(429)
			.expectHeader().exists(HttpHeaders.RETRY_AFTER)
			.expectBody().jsonPath("$.code").isEqualTo("too_many_attempts");

		assertThat(pds.createSessionCalls() - callsBefore).as("the fourth guess never reached Bluesky").isEqualTo(3);
		login("other@example.com", "guess").expectStatus().isUnauthorized();
	}

	@Test
	void aServerAnsweringForAnotherAccountIsNotBelieved() {
		String attacker = "did:plc:attacker0000000000000000";
		String victim = "did:plc:victim000000000000000000";
		pds.registerDid(attacker, pds.url());
		pds.registerDid(victim, "https://victims-own-pds.example");
		pds.onCreateSession((body) -> StubPds.session(victim, "victim.example"));

		login(attacker, "app-password").expectStatus().isUnauthorized().expectBody().jsonPath("$.code")
			.isEqualTo("identity_mismatch");

	}

	private WebTestClient.ResponseSpec login(String identifier, String password) {
		return WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build().post()
			.uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("identifier", identifier, "password", password)).exchange();
	}

}
