package dev.skylog.auth.login;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import dev.skylog.testkit.devnet.Devnet;
import dev.skylog.testkit.kafka.TestKafka;
import dev.skylog.testkit.postgres.TestPostgres;
import dev.skylog.testkit.web.TestHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bluesky's own rate limiter, not a stub of it: the reference PDS with its limits on lets one account log in 30
 * times in five minutes, then answers {@code createSession} with 429 and its {@code RateLimit-*} headers.
 * auth-service passes that on as a 429 problem whose {@code Retry-After} comes from {@code RateLimit-Reset}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "skylog.auth.identity.dns-txt=false",
				"skylog.auth.identity.https-well-known=false", "skylog.auth.identity.allow-private-pds=true",
				"skylog.auth.registration.mode=open" })
class LoginAgainstRateLimitedDevnetTests {

	static final Devnet devnet = Devnet.start(Map.of("DEVNET_RATE_LIMITS", "1"));

	@DynamicPropertySource
	static void dependencies(DynamicPropertyRegistry registry) {
		TestKafka.registerProperties(registry);
		TestPostgres.freshDatabase("auth_rate_limited").registerProperties(registry);
		registry.add("skylog.auth.identity.entryway", devnet.info()::pdsUrl);
		registry.add("skylog.auth.identity.plc-directory", devnet.info()::plcUrl);
	}

	@AfterAll
	static void stop() {
		devnet.close();
	}

	@LocalServerPort
	int port;

	@Test
	void blueskysOwnLoginLimitIsA429ProblemWithRetryAfter() {
		List<Integer> statuses = new ArrayList<>();
		EntityExchangeResult<String> limited = null;
		for (int attempt = 0; attempt < 40 && limited == null; attempt++) {
			EntityExchangeResult<String> answer = TestHttp.to("http://localhost:" + this.port).post()
				.uri("/api/auth/login")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("identifier", "bob.test", "password", "bob-password"))
				.exchange()
				.expectBody(String.class)
				.returnResult();
			statuses.add(answer.getStatus().value());
			if (answer.getStatus().value() == 429) {
				limited = answer;
			}
		}

		assertThat(limited).as("a 429 within 40 logins: " + statuses).isNotNull();
		assertThat(statuses.subList(0, statuses.size() - 1)).as("logins before the limit").containsOnly(200)
			.hasSizeGreaterThanOrEqualTo(25);
		assertThat(limited.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(limited.getResponseBody()).contains("\"code\":\"bluesky_rate_limited\"");
		assertThat(Long.parseLong(limited.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)))
			.isBetween(1L, 300L);
	}

}
