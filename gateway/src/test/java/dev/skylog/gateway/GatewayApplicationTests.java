package dev.skylog.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import dev.skylog.testkit.service.ServiceContractTests;

import static org.assertj.core.api.Assertions.assertThat;

/** Boots the gateway and checks what operators rely on, and that it routes nothing but the public APIs. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "skylog.services.auth-url=http://127.0.0.1:9")
class GatewayApplicationTests extends ServiceContractTests {

	@Test
	void backendInternalsAreNeverRouted() throws Exception {
		http().get().uri("/internal/accounts/did:plc:alice/access-token").exchange().expectStatus().isNotFound();
		for (String sneaky : new String[] { "/api/auth/../../internal/accounts/did:plc:alice/access-token",
				"/api/auth/%2e%2e/%2e%2e/internal/accounts", "/api/auth/..%2f..%2finternal/accounts",
				"/api/auth/..;/..;/internal/accounts", "/api/auth/%252e%252e/%252e%252e/internal/accounts" }) {
			assertThat(rawGet(sneaky)).as(sneaky).startsWith("HTTP/1.1 400").contains("application/problem+json");
		}
	}

	/**
	 * The request line exactly as written, on a connection of its own: no client library normalising the path
	 * or reusing a pooled connection in between.
	 */
	private String rawGet(String path) throws java.io.IOException {
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port())) {
			socket.setSoTimeout(15_000);
			socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
				.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
		}
	}

	@Test
	void publicApiPathsAreRoutedToTheirService() {
		// Port 9 (discard) refuses connections: a routed request fails upstream, an unrouted one is 404.
		http().post().uri("/api/auth/login").exchange().expectStatus().is5xxServerError();
	}

}
