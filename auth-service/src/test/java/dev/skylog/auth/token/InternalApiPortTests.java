package dev.skylog.auth.token;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.skylog.auth.token.web.InternalApiServer;
import dev.skylog.testkit.kafka.TestKafka;
import dev.skylog.testkit.postgres.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code skylog.auth.internal.port} set (as the Helm chart does), the token API answers on that port only
 * and the port answers nothing else: a NetworkPolicy on the port then decides who reaches it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "skylog.auth.internal.port=0", "skylog.auth.internal.service-token=" + InternalApiPortTests.CREDENTIAL })
class InternalApiPortTests {

	static final String CREDENTIAL = "internal-port-test-credential";

	static final String TOKEN_PATH = "/internal/accounts/did:plc:aaaaaaaaaaaaaaaaaaaaaaaa/access-token";

	@DynamicPropertySource
	static void realDependencies(DynamicPropertyRegistry registry) {
		TestKafka.registerProperties(registry);
		TestPostgres.freshDatabase("auth_internal_port").registerProperties(registry);
	}

	@LocalServerPort
	int apiPort;

	@Autowired
	InternalApiServer internalServer;

	@Test
	void theTokenApiAnswersOnItsOwnPortOnly() {
		assertThat(this.internalServer.port()).isPositive().isNotEqualTo(this.apiPort);

		client(this.internalServer.port()).get().uri(TOKEN_PATH).exchange().expectStatus().isUnauthorized();
		client(this.internalServer.port()).get().uri(TOKEN_PATH)
			.header("Authorization", "Bearer " + CREDENTIAL)
			.exchange()
			.expectStatus().isNotFound()
			.expectBody().jsonPath("$.code").isEqualTo("account_not_found");

		client(this.apiPort).get().uri(TOKEN_PATH)
			.header("Authorization", "Bearer " + CREDENTIAL)
			.exchange()
			.expectStatus().isNotFound()
			.expectHeader().contentType("application/problem+json")
			.expectBody().jsonPath("$.code").isEqualTo("not_found");
	}

	@Test
	void theInternalPortServesNothingElse() {
		client(this.apiPort).get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk();

		client(this.internalServer.port()).get().uri("/.well-known/jwks.json").exchange().expectStatus().isNotFound();
		client(this.internalServer.port()).post().uri("/api/auth/login").exchange().expectStatus().isNotFound();
	}

	private static WebTestClient client(int port) {
		return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
	}

}
