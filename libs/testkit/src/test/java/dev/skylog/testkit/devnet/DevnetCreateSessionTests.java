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
class DevnetCreateSessionTests {

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
	void theDevnetSeedsTwoAccountsWithPostsRepliesQuotesRepostsAndLikes(Devnet devnet) throws Exception {
		DevnetInfo info = devnet.info();
		assertThat(info.accounts()).extracting(DevnetInfo.Account::handle).containsExactly("alice.test", "bob.test");
		assertThat(info.seed().path("counts").path("alice.test").toString())
			.isEqualTo("{\"posts\":30,\"replies\":3,\"quotes\":2,\"reposts\":1,\"likes\":3}");
		assertThat(info.seed().path("counts").path("bob.test").toString())
			.isEqualTo("{\"posts\":6,\"replies\":1,\"quotes\":0,\"reposts\":1,\"likes\":6}");

		devnet.processAll();
		// HTTP/1.1: the AppView drops the connection on the h2c upgrade Java's client tries by default.
		try (var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()) {
			String feed = http.send(java.net.http.HttpRequest.newBuilder(URI.create(info.appviewUrl()
					+ "/xrpc/app.bsky.feed.getAuthorFeed?actor=alice.test&limit=100&filter=posts_with_replies")).build(),
					java.net.http.HttpResponse.BodyHandlers.ofString()).body();
			assertThat(feed).contains("#日本語", "app.bsky.feed.defs#reasonRepost", "app.bsky.embed.recordWithMedia",
					"app.bsky.richtext.facet#mention", "app.bsky.richtext.facet#link");
			// 30 posts and 1 repost; replies included by posts_with_replies.
			assertThat(tools.jackson.databind.json.JsonMapper.builder().build().readTree(feed).path("feed").size())
				.isEqualTo(31);
		}
	}

}
