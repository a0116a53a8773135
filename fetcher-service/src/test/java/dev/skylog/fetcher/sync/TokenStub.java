package dev.skylog.fetcher.sync;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import dev.skylog.atproto.AtprotoClient;
import dev.skylog.atproto.server.CreateSessionRequest;

/**
 * auth-service's internal token API as the fetcher sees it, answering with real sessions of devnet accounts
 * (or with a fixed token for a stub PDS). Checks the service credential like the real one.
 */
final class TokenStub implements AutoCloseable {

	static final String CREDENTIAL = "fetcher-test-credential-0123456789";

	private final DisposableServer server;

	private final Map<String, Account> accounts = new ConcurrentHashMap<>();

	private final AtomicInteger refreshRequests = new AtomicInteger();

	private final AtprotoClient bluesky = new AtprotoClient(WebClient.builder(), Duration.ofSeconds(20));

	TokenStub() {
		this.server = HttpServer.create().host("127.0.0.1").port(0).route((routes) -> routes
			.get("/internal/accounts/{did}/access-token", (request, response) -> {
				if (!("Bearer " + CREDENTIAL).equals(request.requestHeaders().get("Authorization"))) {
					return response.status(401).send();
				}
				if (request.uri().contains("refresh=true")) {
					this.refreshRequests.incrementAndGet();
				}
				Account account = this.accounts
					.get(java.net.URLDecoder.decode(request.param("did"), java.nio.charset.StandardCharsets.UTF_8));
				if (account == null) {
					return response.status(404).header("content-type", "application/problem+json")
						.sendString(Mono.just("{\"code\":\"account_not_found\"}"));
				}
				return account.token(this.bluesky).flatMap((token) -> response
					.header("content-type", "application/json")
					.sendString(Mono.just("{\"did\":\"%s\",\"accessJwt\":\"%s\",\"pdsUrl\":\"%s\",\"expiresAt\":\"%s\"}"
						.formatted(account.did(), token, account.pds(), java.time.Instant.now().plusSeconds(7200))))
					.then());
			}))
			.bindNow();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	int refreshRequests() {
		return this.refreshRequests.get();
	}

	/** A devnet account: each token request logs it in (sessions are cheap there). */
	void devnetAccount(String did, String identifier, String password, String pdsUrl) {
		this.accounts.put(did, new Account(did, URI.create(pdsUrl), identifier, password, null));
	}

	/** An account on a stub PDS that accepts any token. */
	void stubAccount(String did, String pdsUrl) {
		this.accounts.put(did, new Account(did, URI.create(pdsUrl), null, null, "stub-access-token"));
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	private record Account(String did, URI pds, String identifier, String password, String fixedToken) {

		Mono<String> token(AtprotoClient bluesky) {
			if (this.fixedToken != null) {
				return Mono.just(this.fixedToken);
			}
			return bluesky.createSession(this.pds, new CreateSessionRequest(this.identifier, this.password, null))
				.map((session) -> session.accessJwt().reveal());
		}

	}

}
