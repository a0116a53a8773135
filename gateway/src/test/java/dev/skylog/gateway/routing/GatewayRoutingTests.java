package dev.skylog.gateway.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import dev.skylog.testkit.session.TestSessions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of stub backends that record what reached them: routing, the session check, reserved
 * headers stripped, a backend down answered as 503 problem+json, security headers, route metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "skylog.gateway.cors.allowed-origins=https://app.example" })
class GatewayRoutingTests {

	static final TestSessions auth = new TestSessions();

	static final Map<String, HttpHeaders> received = new ConcurrentHashMap<>();

	static final AtomicInteger calls = new AtomicInteger();

	static final DisposableServer archive = HttpServer.create().host("127.0.0.1").port(0)
		.handle((request, response) -> {
			calls.incrementAndGet();
			HttpHeaders headers = new HttpHeaders();
			request.requestHeaders().forEach((entry) -> headers.add(entry.getKey(), entry.getValue()));
			received.put(request.uri(), headers);
			String body = request.uri().equals("/api/archive/crawler-exclusions") ? "{\"handles\":[\"quiet.test\"]}"
					: "{\"path\":\"" + request.uri() + "\"}";
			return response.header("content-type", "application/json").sendString(Mono.just(body));
		})
		.bindNow();

	@DynamicPropertySource
	static void backends(DynamicPropertyRegistry registry) {
		registry.add("skylog.services.archive-url", () -> "http://127.0.0.1:" + archive.port());
		// Nothing listens on port 9 here: the stats backend is down.
		registry.add("skylog.services.stats-url", () -> "http://127.0.0.1:9");
		auth.registerProperties(registry);
	}

	@AfterAll
	static void stop() {
		archive.disposeNow();
		auth.close();
	}

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Test
	void aValidSessionIsForwardedAndReservedHeadersAreStripped() {
		String session = auth.session("did:plc:alice0000000000000000000", false);

		client().get().uri("/api/archive/alice.test/posts?q=猫")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + session)
			.header("X-Skylog-Did", "did:plc:mallory000000000000000000")
			.header("x-skylog-anything", "forged")
			.exchange()
			.expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON);

		HttpHeaders seen = received.values().stream()
			.filter((headers) -> ("Bearer " + session).equals(headers.getFirst(HttpHeaders.AUTHORIZATION)))
			.findFirst()
			.orElseThrow();
		assertThat(seen.headerNames()).noneMatch((name) -> name.toLowerCase().startsWith("x-skylog-"));
	}

	@Test
	void anInvalidSessionIsRefusedBeforeAnyBackendSeesIt() {
		int before = calls.get();

		for (String token : new String[] { auth.tokenOfAnotherKey("did:plc:alice0000000000000000000"),
				auth.token((claims) -> claims.subject("did:plc:alice0000000000000000000")
					.expiresAt(java.time.Instant.now().minusSeconds(120))
					.issuedAt(java.time.Instant.now().minusSeconds(1000))),
				"not-a-jwt" }) {
			client().get().uri("/api/archive/alice.test").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.exchange()
				.expectStatus().isUnauthorized()
				.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody().jsonPath("$.code").isEqualTo("not_logged_in");
		}
		assertThat(calls.get()).isEqualTo(before);
	}

	@Test
	void anonymousRequestsReachTheBackendWhichDecides() {
		client().get().uri("/api/archive/alice.test").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.path").isEqualTo("/api/archive/alice.test");
	}

	@Test
	void aBackendThatIsDownIsA503ProblemWithRetryAfter() {
		client().get().uri("/api/stats/alice.test/summary").exchange()
			.expectStatus().isEqualTo(503)
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "10")
			.expectBody()
			.jsonPath("$.code").isEqualTo("service_unavailable")
			.jsonPath("$.trace").doesNotExist();
	}

	@Test
	void internalPathsAndActuatorsOfBackendsAreUnreachable() {
		int before = calls.get();
		for (String path : new String[] { "/internal/accounts/did:plc:a/access-token", "/actuator/prometheus",
				"/archive/actuator/health" }) {
			client().get().uri(path).exchange().expectStatus().isNotFound();
		}
		assertThat(calls.get()).isEqualTo(before);
	}

	@Test
	void responsesCarrySecurityHeaders() {
		client().get().uri("/api/archive/alice.test").exchange()
			.expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader().valueEquals("X-Frame-Options", "DENY")
			.expectHeader().valueEquals("Referrer-Policy", "strict-origin-when-cross-origin")
			.expectHeader().value("Content-Security-Policy",
					(csp) -> assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'"));
	}

	@Test
	void robotsTxtKeepsCrawlersOutOfTheApiLikesAndArchivesThatOptedOut() {
		client().get().uri("/robots.txt").exchange()
			.expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
			.expectBody(String.class).value((robots) -> assertThat(robots.lines()).contains("User-agent: *",
					"Disallow: /api/", "Disallow: /*/likes", "Disallow: /quiet.test").doesNotContain("Disallow: /"));
	}

	@Test
	void onlyConfiguredOriginsMayCallTheApiFromABrowser() {
		client().options().uri("/api/archive/alice.test").header(HttpHeaders.ORIGIN, "https://app.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization")
			.exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.example");
		client().options().uri("/api/archive/alice.test").header(HttpHeaders.ORIGIN, "https://evil.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.exchange()
			.expectStatus().isForbidden()
			.expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

	@Test
	void onePageListsEveryServicesApi() {
		client().get().uri("/v3/api-docs/archive").exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.path").isEqualTo("/v3/api-docs");
		client().get().uri("/gateway/api-docs/swagger-config").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.urls.length()").isEqualTo(4)
			.jsonPath("$.urls[?(@.name == 'auth')].url").isEqualTo("/v3/api-docs/auth")
			.jsonPath("$.urls[?(@.name == 'sync')].url").isEqualTo("/v3/api-docs/sync")
			.jsonPath("$.urls[?(@.name == 'archive')].url").isEqualTo("/v3/api-docs/archive")
			.jsonPath("$.urls[?(@.name == 'stats')].url").isEqualTo("/v3/api-docs/stats");
		client().get().uri("/webjars/swagger-ui/index.html").exchange()
			.expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);
	}

	@Test
	void everyRouteIsMeasuredByStatus() {
		client().get().uri("/api/archive/metrics.test").exchange().expectStatus().isOk();
		client().get().uri("/api/stats/metrics.test/summary").exchange().expectStatus().isEqualTo(503);

		String metrics = dev.skylog.testkit.web.TestHttp.to("http://127.0.0.1:" + this.managementPort)
			.get().uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
			.returnResult().getResponseBody();
		assertThat(metrics).containsPattern("spring_cloud_gateway_requests_seconds_count\\{[^}]*routeId=\"archive\"[^}]*status=\"OK\"")
			.containsPattern("spring_cloud_gateway_requests_seconds_count\\{[^}]*routeId=\"stats\"");
	}

	private WebTestClient client() {
		return dev.skylog.testkit.web.TestHttp.to("http://127.0.0.1:" + this.port);
	}

}
