package dev.skylog.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import dev.skylog.testkit.service.ServiceContractTests;

/** Boots the gateway and checks what operators rely on, and that it routes nothing but the public APIs. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "skylog.services.auth-url=http://127.0.0.1:9")
class GatewayApplicationTests extends ServiceContractTests {

	@Test
	void backendInternalsAreNeverRouted() {
		http().get().uri("/internal/accounts/did:plc:alice/access-token").exchange().expectStatus().isNotFound();
		for (String sneaky : new String[] { "/api/auth/../../internal/accounts/did:plc:alice/access-token",
				"/api/auth/%2e%2e/%2e%2e/internal/accounts", "/api/auth/..%2f..%2finternal/accounts",
				"/api/auth/..;/..;/internal/accounts", "/api/auth/%252e%252e/%252e%252e/internal/accounts" }) {
			http().get().uri(java.net.URI.create("http://localhost:" + port() + sneaky)).exchange()
				.expectStatus().isBadRequest()
				.expectHeader().contentType("application/problem+json");
		}
	}

	@Test
	void publicApiPathsAreRoutedToTheirService() {
		// Port 9 (discard) refuses connections: a routed request fails upstream, an unrouted one is 404.
		http().post().uri("/api/auth/login").exchange().expectStatus().is5xxServerError();
	}

}
