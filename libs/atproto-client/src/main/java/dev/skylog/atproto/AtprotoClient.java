package dev.skylog.atproto;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import dev.skylog.atproto.identity.DidDocument;
import dev.skylog.atproto.server.CreateSessionRequest;
import dev.skylog.atproto.server.SecretToken;
import dev.skylog.atproto.server.Session;
import dev.skylog.atproto.xrpc.RateLimitState;
import dev.skylog.atproto.xrpc.XrpcClientErrors;
import dev.skylog.atproto.xrpc.XrpcResult;

/**
 * Calls the XRPC methods Skylog needs on a PDS. Field names follow {@code ../shared/atproto/lexicons/}; each
 * call names the PDS explicitly, because every account may live on a different one.
 */
public class AtprotoClient {

	public static final String CREATE_SESSION = "com.atproto.server.createSession";

	public static final String REFRESH_SESSION = "com.atproto.server.refreshSession";

	public static final String DELETE_SESSION = "com.atproto.server.deleteSession";

	public static final String GET_PROFILE = "app.bsky.actor.getProfile";

	public static final String GET_AUTHOR_FEED = "app.bsky.feed.getAuthorFeed";

	public static final String GET_ACTOR_LIKES = "app.bsky.feed.getActorLikes";

	public static final String LIST_RECORDS = "com.atproto.repo.listRecords";

	private final WebClient webClient;

	private final Duration timeout;

	public AtprotoClient(WebClient.Builder builder, Duration timeout) {
		this.webClient = builder.build();
		this.timeout = timeout;
	}

	public Mono<Session> createSession(URI pds, CreateSessionRequest request) {
		return this.webClient.post()
			.uri(XrpcClientErrors.xrpc(pds, CREATE_SESSION))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(request)
			.retrieve()
			.onStatus(HttpStatusCode::isError, (response) -> XrpcClientErrors.toException(CREATE_SESSION, response))
			.bodyToMono(JsonNode.class)
			.map(AtprotoClient::session)
			.timeout(this.timeout);
	}

	/**
	 * Trades a refresh token for a new pair. Bluesky rotates refresh tokens: the old one stops working (after a
	 * grace period), so the caller must store the new one before anything else can use the old.
	 */
	public Mono<Session> refreshSession(URI pds, SecretToken refreshJwt) {
		return this.webClient.post()
			.uri(XrpcClientErrors.xrpc(pds, REFRESH_SESSION))
			.headers((headers) -> headers.setBearerAuth(refreshJwt.reveal()))
			.retrieve()
			.onStatus(HttpStatusCode::isError, (response) -> XrpcClientErrors.toException(REFRESH_SESSION, response))
			.bodyToMono(JsonNode.class)
			.map(AtprotoClient::session)
			.timeout(this.timeout);
	}

	/** Revokes the session the refresh token belongs to. */
	public Mono<Void> deleteSession(URI pds, SecretToken refreshJwt) {
		return this.webClient.post()
			.uri(XrpcClientErrors.xrpc(pds, DELETE_SESSION))
			.headers((headers) -> headers.setBearerAuth(refreshJwt.reveal()))
			.retrieve()
			.onStatus(HttpStatusCode::isError, (response) -> XrpcClientErrors.toException(DELETE_SESSION, response))
			.toBodilessEntity()
			.then()
			.timeout(this.timeout);
	}

	/**
	 * An XRPC query on the account's PDS with its access token. {@code app.bsky.*} methods are proxied by the
	 * PDS to the AppView it is configured with; the PDS does not proxy anonymous calls, hence the token.
	 */
	public Mono<XrpcResult> query(URI pds, String method, Map<String, ?> parameters, SecretToken accessJwt) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromUri(XrpcClientErrors.xrpc(pds, method));
		parameters.forEach((name, value) -> {
			if (value != null) {
				uri.queryParam(name, "{" + name + "}");
			}
		});
		Map<String, Object> values = new java.util.HashMap<>();
		parameters.forEach((name, value) -> {
			if (value != null) {
				values.put(name, value);
			}
		});
		return this.webClient.get()
			.uri(uri.buildAndExpand(values).encode().toUri())
			.headers((headers) -> {
				if (accessJwt != null) {
					headers.setBearerAuth(accessJwt.reveal());
				}
			})
			.exchangeToMono((response) -> {
				if (response.statusCode().isError()) {
					return XrpcClientErrors.toException(method, response).flatMap(Mono::error);
				}
				RateLimitState rateLimit = RateLimitState.from(response.headers().asHttpHeaders());
				return response.bodyToMono(JsonNode.class).map((body) -> new XrpcResult(body, rateLimit));
			})
			.timeout(this.timeout);
	}

	private static Session session(JsonNode body) {
		JsonNode didDoc = body.path("didDoc");
		URI pds = didDoc.isObject() ? DidDocument.from(didDoc).pdsEndpoint() : null;
		return new Session(body.path("did").asString(), body.path("handle").asString(),
				body.path("email").asString(null), new SecretToken(body.path("accessJwt").asString()),
				new SecretToken(body.path("refreshJwt").asString()), pds, body.path("active").asBoolean(true));
	}

}
