package dev.skylog.atproto;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import dev.skylog.atproto.identity.DidDocument;
import dev.skylog.atproto.server.CreateSessionRequest;
import dev.skylog.atproto.server.SecretToken;
import dev.skylog.atproto.server.Session;
import dev.skylog.atproto.xrpc.XrpcClientErrors;

/**
 * Calls the XRPC methods Skylog needs on a PDS. Field names follow {@code ../shared/atproto/lexicons/}; each
 * call names the PDS explicitly, because every account may live on a different one.
 */
public class AtprotoClient {

	public static final String CREATE_SESSION = "com.atproto.server.createSession";

	public static final String REFRESH_SESSION = "com.atproto.server.refreshSession";

	public static final String DELETE_SESSION = "com.atproto.server.deleteSession";

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

	private static Session session(JsonNode body) {
		JsonNode didDoc = body.path("didDoc");
		URI pds = didDoc.isObject() ? DidDocument.from(didDoc).pdsEndpoint() : null;
		return new Session(body.path("did").asString(), body.path("handle").asString(),
				body.path("email").asString(null), new SecretToken(body.path("accessJwt").asString()),
				new SecretToken(body.path("refreshJwt").asString()), pds, body.path("active").asBoolean(true));
	}

}
