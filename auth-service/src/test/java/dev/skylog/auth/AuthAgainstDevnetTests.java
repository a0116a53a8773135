package dev.skylog.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.skylog.atproto.AtprotoClient;
import dev.skylog.atproto.server.SecretToken;
import dev.skylog.auth.config.BlueskyClientConfiguration;
import dev.skylog.auth.token.crypto.TokenCipher;
import dev.skylog.auth.token.crypto.TokenCipher.TokenRole;
import dev.skylog.events.Topics;
import dev.skylog.testkit.devnet.Devnet;
import dev.skylog.testkit.devnet.DevnetInfo;
import dev.skylog.testkit.kafka.TestKafka;
import dev.skylog.testkit.postgres.TestPostgres;
import dev.skylog.testkit.time.AdjustableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * auth-service against the AT Protocol reference PDS: real logins, real token rotation, real revocation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "skylog.auth.internal.service-token=test-service-credential-0123456789",
				"skylog.auth.identity.dns-txt=false", "skylog.auth.identity.https-well-known=false",
				"skylog.auth.identity.allow-private-pds=true",
				"skylog.auth.registration.mode=open", "management.server.port=0" })
@ExtendWith(OutputCaptureExtension.class)
class AuthAgainstDevnetTests {

	static final String SERVICE_CREDENTIAL = "test-service-credential-0123456789";

	@DynamicPropertySource
	static void realDependencies(DynamicPropertyRegistry registry) {
		TestKafka.registerProperties(registry);
		TestPostgres.freshDatabase("auth_devnet").registerProperties(registry);
		DevnetInfo devnet = Devnet.shared().info();
		registry.add("skylog.auth.identity.entryway", devnet::pdsUrl);
		registry.add("skylog.auth.identity.plc-directory", devnet::plcUrl);
	}

	@TestConfiguration
	static class Clocks {

		@Bean
		@Primary
		AdjustableClock adjustableClock() {
			return new AdjustableClock();
		}

	}

	@LocalServerPort
	int port;

	@Autowired
	AdjustableClock clock;

	@Autowired
	DatabaseClient database;

	@Autowired
	TokenCipher cipher;

	@Autowired
	AtprotoClient bluesky;

	@Autowired
	MeterRegistry meters;

	final DevnetInfo devnet = Devnet.shared().info();

	@AfterEach
	void realTime() {
		this.clock.reset();
	}

	@Test
	void logsInByHandleKeepsTheTokensSealedAndAnnouncesTheAccount() {
		DevnetInfo.Account alice = this.devnet.account("alice.test");

		EntityExchangeResult<Map> login = login("alice.test", alice.password()).expectStatus().isOk()
			.expectHeader().value(HttpHeaders.SET_COOKIE, (cookie) -> assertThat(cookie)
				.containsIgnoringCase("HttpOnly")
				.contains("skylog_refresh=", "Secure", "SameSite=Lax", "Path=/api/auth"))
			.expectBody(Map.class).returnResult();

		assertThat(login.getResponseBody()).containsEntry("did", alice.did()).containsEntry("tokenType", "Bearer");
		String jwt = (String) login.getResponseBody().get("accessToken");
		http().get().uri("/api/auth/me").headers((h) -> h.setBearerAuth(jwt)).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.did").isEqualTo(alice.did()).jsonPath("$.handle").isEqualTo("alice.test")
			.jsonPath("$.status").isEqualTo("active").jsonPath("$.settings.timeZone").exists();

		List<ConsumerRecord<String, String>> events = TestKafka.records(Topics.ACCOUNTS.name(), alice.did(), 1,
				Duration.ofSeconds(20));
		assertThat(events).extracting(ConsumerRecord::value).anySatisfy((json) -> assertThat(json)
			.contains("\"type\":\"AccountLinked\"", "\"handle\":\"alice.test\"").doesNotContain("eyJ", "password"));
	}

	@Test
	void logsInByEmailAtTheEntryway() {
		DevnetInfo.Account bob = this.devnet.account("bob.test");

		login(bob.email(), bob.password()).expectStatus().isOk().expectBody().jsonPath("$.did").isEqualTo(bob.did());
	}

	@Test
	void aWrongPasswordIs401ProblemJson() {
		login("alice.test", "not-her-password").expectStatus().isUnauthorized()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.code").isEqualTo("invalid_credentials")
			.jsonPath("$.detail").isEqualTo("Wrong identifier or app password.");
	}

	@Test
	void aMalformedIdentifierIs400() {
		login("not a handle!", "x").expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.code").isEqualTo("invalid_identifier");
		http().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"identifier\":\"\"}")
			.exchange().expectStatus().isBadRequest();
		http().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue("not json")
			.exchange().expectStatus().isBadRequest();
	}

	@Test
	void anExpiredAccessTokenIsRefreshedAndTheRotatedRefreshTokenStored() {
		String did = loginAs("alice.test");
		accessToken(did);
		String refreshBefore = refreshToken(did);
		double refreshesBefore = refreshCalls();

		this.clock.advance(Duration.ofHours(2));
		String accessAfter = accessToken(did);
		this.clock.reset();

		assertThat(refreshCalls() - refreshesBefore).isEqualTo(1.0);
		assertThat(refreshToken(did)).as("the rotated refresh token is stored").isNotEqualTo(refreshBefore);
		assertThat(accessToken(did)).as("fresh again: no second refresh").isEqualTo(accessAfter);
		assertThat(refreshCalls() - refreshesBefore).isEqualTo(1.0);
	}

	@Test
	void twentyConcurrentTokenRequestsCauseExactlyOneRefresh() throws Exception {
		String did = loginAs("bob.test");
		this.database.sql("UPDATE account SET access_expires_at = now() - interval '1 minute' WHERE did = :did")
			.bind("did", did).then().block();
		double before = refreshCalls();

		List<Future<String>> answers;
		try (var pool = Executors.newFixedThreadPool(20)) {
			answers = pool.invokeAll(java.util.stream.IntStream.range(0, 20)
				.<Callable<String>>mapToObj((i) -> () -> accessToken(did)).toList());
		}

		assertThat(refreshCalls() - before).isEqualTo(1.0);
		String first = answers.get(0).get();
		for (Future<String> answer : answers) {
			assertThat(answer.get()).isEqualTo(first);
		}
	}

	@Test
	void aRevokedRefreshTokenMakesTheAccountNeedANewLogin() {
		String did = loginAs("bob.test");
		this.bluesky.deleteSession(java.net.URI.create(this.devnet.pdsUrl()), new SecretToken(refreshToken(did))).block();

		this.clock.advance(Duration.ofHours(3));
		internal().get().uri("/internal/accounts/{did}/access-token", did).exchange().expectStatus().isEqualTo(409)
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.code").isEqualTo("reauth_required");
		this.clock.reset();

		String status = this.database.sql("SELECT status FROM account WHERE did = :did").bind("did", did)
			.map((row) -> row.get(0, String.class)).one().block();
		assertThat(status).isEqualTo("reauth_required");
		assertThat(TestKafka.records(Topics.ACCOUNTS.name(), did, 10, Duration.ofSeconds(5)))
			.extracting(ConsumerRecord::value)
			.anySatisfy((json) -> assertThat(json).contains("\"type\":\"AccountReauthRequired\""));
		// A new login makes it usable again.
		loginAs("bob.test");
		assertThat(accessToken(did)).isNotBlank();
	}

	@Test
	void logoutEndsBothSessions() {
		EntityExchangeResult<Map> login = login("alice.test", this.devnet.account("alice.test").password())
			.expectStatus().isOk().expectBody(Map.class).returnResult();
		String cookie = login.getResponseHeaders().getFirst(HttpHeaders.SET_COOKIE).split(";")[0];
		String did = (String) login.getResponseBody().get("did");

		http().post().uri("/api/auth/logout").header(HttpHeaders.COOKIE, cookie).exchange().expectStatus().isNoContent()
			.expectHeader().value(HttpHeaders.SET_COOKIE, (value) -> assertThat(value).contains("Max-Age=0"));

		http().post().uri("/api/auth/session/refresh").header(HttpHeaders.COOKIE, cookie).exchange()
			.expectStatus().isUnauthorized();
		internal().get().uri("/internal/accounts/{did}/access-token", did).exchange().expectStatus().isEqualTo(409);
	}

	@Test
	void theRefreshCookieRotatesAndWorksOnce() {
		EntityExchangeResult<Map> login = login("alice.test", this.devnet.account("alice.test").password())
			.expectStatus().isOk().expectBody(Map.class).returnResult();
		String cookie = login.getResponseHeaders().getFirst(HttpHeaders.SET_COOKIE).split(";")[0];

		// An expired or garbage bearer token next to the cookie does not get in the way of a refresh.
		EntityExchangeResult<Map> refreshed = http().post().uri("/api/auth/session/refresh")
			.header(HttpHeaders.COOKIE, cookie).headers((h) -> h.setBearerAuth("expired.or.garbage")).exchange().expectStatus().isOk().expectBody(Map.class).returnResult();

		assertThat(refreshed.getResponseHeaders().getFirst(HttpHeaders.SET_COOKIE)).doesNotContain(cookie);
		http().post().uri("/api/auth/session/refresh").header(HttpHeaders.COOKIE, cookie).exchange()
			.expectStatus().isUnauthorized();
		http().get().uri("/api/auth/me")
			.headers((h) -> h.setBearerAuth((String) refreshed.getResponseBody().get("accessToken"))).exchange()
			.expectStatus().isOk();
	}

	@Test
	void deletingTheAccountRemovesItAndAnnouncesIt() {
		EntityExchangeResult<Map> login = login("bob.test", this.devnet.account("bob.test").password())
			.expectStatus().isOk().expectBody(Map.class).returnResult();
		String jwt = (String) login.getResponseBody().get("accessToken");
		String did = (String) login.getResponseBody().get("did");

		http().delete().uri("/api/auth/me").headers((h) -> h.setBearerAuth(jwt)).exchange().expectStatus().isNoContent();

		Long rows = this.database.sql("SELECT count(*) FROM account WHERE did = :did").bind("did", did)
			.map((row) -> row.get(0, Long.class)).one().block();
		assertThat(rows).isZero();
		assertThat(TestKafka.records(Topics.ACCOUNTS.name(), did, 20, Duration.ofSeconds(5)))
			.extracting(ConsumerRecord::value)
			.anySatisfy((json) -> assertThat(json).contains("\"type\":\"AccountDeleted\"", "USER_REQUEST"));
		http().get().uri("/api/auth/me").headers((h) -> h.setBearerAuth(jwt)).exchange().expectStatus().isNotFound();
		loginAs("bob.test");
	}

	@Test
	void settingsAreValidatedStoredAndAnnounced() {
		EntityExchangeResult<Map> login = login("alice.test", this.devnet.account("alice.test").password())
			.expectStatus().isOk().expectBody(Map.class).returnResult();
		String jwt = (String) login.getResponseBody().get("accessToken");
		String did = (String) login.getResponseBody().get("did");

		// Offsets too: PostgreSQL would read "+09:00" as nine hours west of UTC.
		for (String zone : new String[] { "Mars/Olympus", "+09:00", "UTC+9", "Z" }) {
			http().put().uri("/api/auth/me/settings").headers((h) -> h.setBearerAuth(jwt))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("timeZone", zone, "visibility", "PRIVATE", "allowCrawlers", false))
				.exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_time_zone");
		}
		http().put().uri("/api/auth/me/settings").headers((h) -> h.setBearerAuth(jwt))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("timeZone", "Asia/Tokyo", "visibility", "PRIVATE", "allowCrawlers", false))
			.exchange().expectStatus().isOk();

		http().get().uri("/api/auth/me").headers((h) -> h.setBearerAuth(jwt)).exchange().expectBody()
			.jsonPath("$.settings.timeZone").isEqualTo("Asia/Tokyo").jsonPath("$.settings.visibility")
			.isEqualTo("PRIVATE");
		assertThat(TestKafka.records(Topics.ACCOUNTS.name(), did, 50, Duration.ofSeconds(5)))
			.extracting(ConsumerRecord::value)
			.anySatisfy((json) -> assertThat(json).contains("AccountSettingsChanged", "Asia/Tokyo"));
	}

	@Test
	void theInternalApiNeedsTheServiceCredential() {
		String did = loginAs("alice.test");

		http().get().uri("/internal/accounts/{did}/access-token", did).exchange().expectStatus().isUnauthorized();
		http().get().uri("/internal/accounts/{did}/access-token", did).headers((h) -> h.setBearerAuth("guess"))
			.exchange().expectStatus().isUnauthorized();
		String jwt = (String) login("alice.test", this.devnet.account("alice.test").password()).expectBody(Map.class)
			.returnResult().getResponseBody().get("accessToken");
		http().get().uri("/internal/accounts/{did}/access-token", did).headers((h) -> h.setBearerAuth(jwt))
			.exchange().expectStatus().isUnauthorized();
		internal().get().uri("/internal/accounts/{did}/access-token", did).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.pdsUrl").isEqualTo(this.devnet.pdsUrl());
	}

	@Test
	void neitherPasswordsNorTokensReachTheLogsOrTheDatabase(CapturedOutput output) {
		DevnetInfo.Account alice = this.devnet.account("alice.test");
		String did = loginAs("alice.test");
		login("alice.test", "wrong-password-in-logs?").expectStatus().isUnauthorized();
		String access = accessToken(did);
		String refresh = refreshToken(did);

		assertThat(output.getAll()).doesNotContain(alice.password(), "wrong-password-in-logs?", access, refresh);
		byte[] sealedAccess = this.database.sql("SELECT access_jwt_sealed FROM account WHERE did = :did")
			.bind("did", did).map((row) -> row.get(0, byte[].class)).one().block();
		String raw = new String(sealedAccess, StandardCharsets.ISO_8859_1) + new String(sealedRefreshToken(did),
				StandardCharsets.ISO_8859_1);
		assertThat(raw).doesNotContain("eyJ", access.substring(0, 40), refresh.substring(0, 40));
	}

	private String loginAs(String handle) {
		return (String) login(handle, this.devnet.account(handle).password()).expectStatus().isOk().expectBody(Map.class)
			.returnResult().getResponseBody().get("did");
	}

	private WebTestClient.ResponseSpec login(String identifier, String password) {
		return http().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("identifier", identifier, "password", password)).exchange();
	}

	private String accessToken(String did) {
		return (String) internal().get().uri("/internal/accounts/{did}/access-token", did).exchange()
			.expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("accessJwt");
	}

	private String refreshToken(String did) {
		return this.cipher.open(sealedRefreshToken(did), this.cipher.activeKeyId(), did, TokenRole.REFRESH).reveal();
	}

	private byte[] sealedRefreshToken(String did) {
		return this.database.sql("SELECT refresh_jwt_sealed FROM account WHERE did = :did").bind("did", did)
			.map((row) -> row.get(0, byte[].class)).one().block();
	}

	private double refreshCalls() {
		var counter = this.meters.find(BlueskyClientConfiguration.REQUESTS_METER)
			.tags("method", AtprotoClient.REFRESH_SESSION, "status", "200").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private WebTestClient http() {
		return WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(30)).build();
	}

	private WebTestClient internal() {
		return http().mutate().defaultHeaders((h) -> h.setBearerAuth(SERVICE_CREDENTIAL)).build();
	}

}
