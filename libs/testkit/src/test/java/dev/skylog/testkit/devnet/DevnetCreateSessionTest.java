package dev.skylog.testkit.devnet;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.test.StepVerifier;

import dev.skylog.atproto.AtprotoClient;
import dev.skylog.atproto.server.CreateSessionRequest;
import dev.skylog.atproto.xrpc.XrpcException;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DevnetExtension.class)
class DevnetCreateSessionTest {

	private final AtprotoClient client = new AtprotoClient(WebClient.builder(), Duration.ofSeconds(20));

	@Test
	void aSeededAccountLogsInAtTheDevnetPds(DevnetInfo devnet) {
		DevnetInfo.Account alice = devnet.account("alice.test");

		StepVerifier
			.create(this.client.createSession(URI.create(devnet.pdsUrl()),
					new CreateSessionRequest(alice.handle(), alice.password(), null)))
			.assertNext((session) -> {
				assertThat(session.did()).isEqualTo(alice.did()).startsWith("did:plc:");
				assertThat(session.handle()).isEqualTo("alice.test");
				assertThat(session.accessJwt().reveal()).contains(".");
				assertThat(session.refreshJwt().reveal()).isNotEqualTo(session.accessJwt().reveal());
				assertThat(session.toString()).doesNotContain(session.accessJwt().reveal());
			})
			.verifyComplete();
	}

	@Test
	void aWrongPasswordIsTheLexiconsAuthenticationRequired(DevnetInfo devnet) {
		StepVerifier
			.create(this.client.createSession(URI.create(devnet.pdsUrl()),
					new CreateSessionRequest("bob.test", "not-the-password", null)))
			.expectErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(XrpcException.class);
				XrpcException xrpc = (XrpcException) error;
				assertThat(xrpc.status()).isEqualTo(401);
				assertThat(xrpc.error()).isEqualTo("AuthenticationRequired");
			})
			.verify();
	}

	@Test
	void theDevnetSeedsTwoAccountsWithData(DevnetInfo devnet) {
		assertThat(devnet.accounts()).extracting(DevnetInfo.Account::handle).contains("alice.test", "bob.test");
		assertThat(devnet.pdsUrl()).startsWith("http://localhost:");
	}

}
