package dev.skylog.atproto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

import dev.skylog.atproto.server.CreateSessionRequest;
import dev.skylog.atproto.xrpc.XrpcException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client against responses recorded from the reference PDS, served by a local HTTP server, so the
 * mapping of real bodies (and real error names) is checked without a devnet.
 */
class AtprotoClientRecordedResponsesTest {

	private final AtprotoClient client = new AtprotoClient(WebClient.builder(), Duration.ofSeconds(5));

	private final AtomicReference<String> requestBody = new AtomicReference<>();

	private DisposableServer pds;

	@AfterEach
	void stop() {
		if (this.pds != null) {
			this.pds.disposeNow();
		}
	}

	@Test
	void aSessionIsReadFromTheRecordedCreateSessionResponse() {
		URI pds = serve(200, "01_createSession_alice_handle.body.txt");

		StepVerifier.create(this.client.createSession(pds, new CreateSessionRequest("alice.test", "alice-password", null)))
			.assertNext((session) -> {
				assertThat(session.did()).isEqualTo("did:plc:qju6sevdophfyhxkvo4o4xjp");
				assertThat(session.handle()).isEqualTo("alice.test");
				assertThat(session.email()).isEqualTo("alice@example.com");
				assertThat(session.active()).isTrue();
				assertThat(session.accessJwt().reveal()).startsWith("eyJ0eXAiOiJhdCtqd3Qi");
				assertThat(session.refreshJwt().reveal()).startsWith("eyJ0eXAiOiJyZWZyZXNoK2p3dCIs");
				assertThat(session.toString()).doesNotContain("eyJ");
			})
			.verifyComplete();
		assertThat(this.requestBody.get()).isEqualTo("{\"identifier\":\"alice.test\",\"password\":\"alice-password\"}");
	}

	@Test
	void aWrongPasswordIsAuthenticationRequired() {
		URI pds = serve(401, "03_createSession_wrong_password.body.txt");

		StepVerifier.create(this.client.createSession(pds, new CreateSessionRequest("alice.test", "wrong", null)))
			.expectErrorSatisfies((error) -> {
				XrpcException xrpc = (XrpcException) error;
				assertThat(xrpc.status()).isEqualTo(401);
				assertThat(xrpc.error()).isEqualTo("AuthenticationRequired");
				assertThat(xrpc.method()).isEqualTo("com.atproto.server.createSession");
				assertThat(xrpc.isSessionGone()).isFalse();
			})
			.verify();
	}

	@Test
	void aMissingPasswordIsInvalidRequest() {
		URI pds = serve(400, "05_createSession_missing_password.body.txt");

		StepVerifier.create(this.client.createSession(pds, new CreateSessionRequest("alice.test", null, null)))
			.expectErrorSatisfies((error) -> assertThat(((XrpcException) error).error()).isEqualTo("InvalidRequest"))
			.verify();
	}

	@Test
	void expiredTokenMeansLogInAgainOnlyWhenRefreshingFails() {
		var refreshRevoked = new XrpcException(AtprotoClient.REFRESH_SESSION, 400, "ExpiredToken", "Token has been revoked");
		var accessExpired = new XrpcException("app.bsky.feed.getAuthorFeed", 400, "ExpiredToken", "Token has expired");

		assertThat(refreshRevoked.isSessionGone()).isTrue();
		assertThat(refreshRevoked.isAccessTokenRejected()).isFalse();
		assertThat(accessExpired.isSessionGone()).isFalse();
		assertThat(accessExpired.isAccessTokenRejected()).isTrue();
	}

	@Test
	void aPasswordNeverAppearsInTheRequestsToString() {
		assertThat(new CreateSessionRequest("alice.test", "alice-password", null).toString())
			.doesNotContain("alice-password");
	}

	private URI serve(int status, String fixture) {
		byte[] body = fixture(fixture);
		this.pds = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/xrpc/com.atproto.server.createSession",
					(request, response) -> request.receive()
						.aggregate()
						.asString(StandardCharsets.UTF_8)
						.doOnNext(this.requestBody::set)
						.then(Mono.defer(() -> response.status(HttpResponseStatus.valueOf(status))
							.header("content-type", "application/json; charset=utf-8")
							.sendByteArray(Mono.just(body))
							.then()))))
			.bindNow();
		return URI.create("http://127.0.0.1:" + this.pds.port());
	}

	/** A JWT shaped like the PDS's (header type, claims), signed by nobody. */
	static String jwt(String type, String claims) {
		java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
		return base64.encodeToString(("{\"typ\":\"" + type + "\",\"alg\":\"HS256\"}").getBytes(StandardCharsets.UTF_8))
				+ "." + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
	}

	private static byte[] fixture(String name) {
		try (InputStream in = AtprotoClientRecordedResponsesTest.class.getResourceAsStream("/fixtures/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8)
				.replace("{{accessJwt}}", jwt("at+jwt", "{\"scope\":\"com.atproto.access\",\"exp\":1795876735}"))
				.replace("{{refreshJwt}}", jwt("refresh+jwt", "{\"scope\":\"com.atproto.refresh\",\"exp\":1803645535}"))
				.getBytes(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
