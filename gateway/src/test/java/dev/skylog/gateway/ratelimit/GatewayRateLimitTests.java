package dev.skylog.gateway.ratelimit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import dev.skylog.testkit.session.TestSessions;
/**
 * Budgets counted in the real Redis on 127.0.0.1:6379 (which {@code .ci/run} starts): logins per address,
 * API calls per account, anonymous calls per address; over budget is a 429 problem with Retry-After.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "skylog.gateway.rate-limits.login-per-ip=3",
				"skylog.gateway.rate-limits.api-per-ip=5", "skylog.gateway.rate-limits.api-per-user=8" })
class GatewayRateLimitTests {

	static final TestSessions auth = new TestSessions();

	static final DisposableServer backend = HttpServer.create().host("127.0.0.1").port(0)
		.handle((request, response) -> response.header("content-type", "application/json")
			.sendString(Mono.just("{}")))
		.bindNow();

	@DynamicPropertySource
	static void backends(DynamicPropertyRegistry registry) {
		registry.add("skylog.services.auth-url", () -> "http://127.0.0.1:" + backend.port());
		registry.add("skylog.services.archive-url", () -> "http://127.0.0.1:" + backend.port());
		auth.registerProperties(registry);
		// A fresh key space per run: budgets of an earlier run cannot leak into this one.
		registry.add("skylog.gateway.rate-limits.key-prefix", () -> "skylog:test:" + UUID.randomUUID() + ":");
	}

	@AfterAll
	static void stop() {
		backend.disposeNow();
		auth.close();
	}

	@LocalServerPort
	int port;

	/** One instant for the whole class: every request falls in the same one-minute window. */
	@TestConfiguration
	static class FixedClock {

		@Bean
		@Primary
		Clock fixedClock() {
			return Clock.fixed(Instant.parse("2026-11-28T12:00:30Z"), ZoneOffset.UTC);
		}

	}

	@Test
	void loginsBeyondTheBudgetOfAnAddressAre429WithRetryAfter() {
		for (int i = 0; i < 3; i++) {
			login().expectStatus().isOk();
		}
		login().expectStatus().isEqualTo(429)
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "30")
			.expectBody().jsonPath("$.code").isEqualTo("rate_limited");
	}

	@Test
	void eachAccountHasItsOwnBudgetAndAnonymousCallersShareTheirAddresses() {
		String alice = auth.session("did:plc:alice0000000000000000000", false);
		String bob = auth.session("did:plc:bob00000000000000000000", false);
		for (int i = 0; i < 8; i++) {
			get(alice).expectStatus().isOk();
		}
		get(alice).expectStatus().isEqualTo(429);
		get(bob).expectStatus().isOk();

		for (int i = 0; i < 5; i++) {
			get(null).expectStatus().isOk();
		}
		get(null).expectStatus().isEqualTo(429).expectBody().jsonPath("$.code").isEqualTo("rate_limited");
	}

	private WebTestClient.ResponseSpec login() {
		return client().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"identifier\":\"alice.test\",\"password\":\"x\"}").exchange();
	}

	private WebTestClient.ResponseSpec get(String session) {
		WebTestClient.RequestHeadersSpec<?> request = client().get().uri("/api/archive/alice.test");
		if (session != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + session);
		}
		return request.exchange();
	}

	private WebTestClient client() {
		return dev.skylog.testkit.web.TestHttp.to("http://127.0.0.1:" + this.port);
	}

}
