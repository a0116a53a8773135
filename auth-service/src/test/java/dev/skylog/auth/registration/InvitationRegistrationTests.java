package dev.skylog.auth.registration;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.skylog.auth.StubPds;
import dev.skylog.testkit.kafka.TestKafka;
import dev.skylog.testkit.postgres.TestPostgres;

/** Registration by invitation: an admin issues a code, a new account needs one, and each code works once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "skylog.auth.registration.mode=invitation" })
class InvitationRegistrationTests {

	static final StubPds pds = new StubPds();

	@DynamicPropertySource
	static void dependencies(DynamicPropertyRegistry registry) {
		TestKafka.registerProperties(registry);
		TestPostgres.freshDatabase("auth_invitation").registerProperties(registry);
		registry.add("skylog.auth.identity.entryway", pds::url);
		registry.add("skylog.auth.identity.plc-directory", pds::url);
		registry.add("skylog.auth.identity.allow-private-pds", () -> "true");
		registry.add("skylog.auth.registration.admins", () -> didOf("admin"));
	}

	static String didOf(String name) {
		return "did:plc:" + (name + "0".repeat(24)).substring(0, 24);
	}

	@AfterAll
	static void stop() {
		pds.close();
	}

	@LocalServerPort
	int port;

	@Test
	void aNewAccountNeedsAnUnusedCodeAnAdminIssued() {
		for (String name : new String[] { "admin", "carol", "dave" }) {
			pds.registerDid(didOf(name), pds.url());
		}
		pds.onCreateSession((body) -> {
			String name = body.replaceAll(".*\"identifier\":\"([a-z]+)@example.com\".*", "$1");
			return StubPds.session(didOf(name), name + ".example");
		});

		login("carol@example.com", null).expectStatus().isForbidden().expectBody().jsonPath("$.code")
			.isEqualTo("registration_closed");

		String adminJwt = (String) login("admin@example.com", null).expectStatus().isOk().expectBody(Map.class)
			.returnResult().getResponseBody().get("accessToken");
		String code = (String) http().post().uri("/api/auth/invitations").headers((h) -> h.setBearerAuth(adminJwt))
			.exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("code");

		login("carol@example.com", "not-" + code).expectStatus().isForbidden();
		String carolJwt = (String) login("carol@example.com", code).expectStatus().isOk().expectBody(Map.class)
			.returnResult().getResponseBody().get("accessToken");
		login("dave@example.com", code).expectStatus().isForbidden();
		// A known account logs in again without a code.
		login("carol@example.com", null).expectStatus().isOk();

		http().post().uri("/api/auth/invitations").headers((h) -> h.setBearerAuth(carolJwt)).exchange()
			.expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("not_admin");
	}

	private WebTestClient.ResponseSpec login(String identifier, String invitationCode) {
		Map<String, String> body = (invitationCode != null)
				? Map.of("identifier", identifier, "password", "app-password", "invitationCode", invitationCode)
				: Map.of("identifier", identifier, "password", "app-password");
		return http().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

	private WebTestClient http() {
		return WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

}
