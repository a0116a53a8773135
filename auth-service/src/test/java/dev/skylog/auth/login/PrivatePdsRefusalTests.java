package dev.skylog.auth.login;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.skylog.auth.StubPds;
import dev.skylog.testkit.kafka.TestKafka;
import dev.skylog.testkit.postgres.TestPostgres;
import dev.skylog.testkit.web.TestHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without the operator's allowance, a DID document naming a PDS on loopback (here the stub's own address) or
 * over plain http never receives the password: the login is a 400 before any call to it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "skylog.auth.identity.dns-txt=false",
				"skylog.auth.identity.https-well-known=false" })
class PrivatePdsRefusalTests {

	static final StubPds pds = new StubPds();

	@DynamicPropertySource
	static void dependencies(DynamicPropertyRegistry registry) {
		TestKafka.registerProperties(registry);
		TestPostgres.freshDatabase("auth_private_pds").registerProperties(registry);
		// The directory is the operator's choice and may be local; the PDS a document names is not.
		registry.add("skylog.auth.identity.plc-directory", pds::url);
	}

	@AfterAll
	static void stop() {
		pds.close();
	}

	@LocalServerPort
	int port;

	@Test
	void aPdsOnLoopbackNeverSeesThePassword() {
		String did = "did:plc:loopbackpds0000000000000";
		pds.registerDid(did, pds.url());
		pds.onCreateSession((body) -> StubPds.session(did, "mallory.test"));

		refused(did);
		assertThat(pds.createSessionCalls()).isZero();
	}

	@Test
	void metadataAndPrivateAddressesAndPlainHttpAreRefusedToo() {
		Map<String, String> documents = Map.of("did:plc:metadataservice00000000000", "https://169.254.169.254",
				"did:plc:privatenetwork0000000000000", "https://10.1.2.3:443",
				"did:plc:plainhttppds000000000000000", "http://93.184.216.34");
		documents.forEach(pds::registerDid);
		documents.keySet().forEach(this::refused);
		assertThat(pds.createSessionCalls()).isZero();
	}

	private void refused(String did) {
		var answer = TestHttp.to("http://localhost:" + this.port).post().uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("identifier", did, "password", "app-password"))
			.exchange();
		answer.expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.code").isEqualTo("pds_not_allowed");
	}

}
