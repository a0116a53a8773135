package dev.skylog.atproto;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import dev.skylog.atproto.server.CreateSessionRequest;
import dev.skylog.atproto.server.SecretToken;
import dev.skylog.atproto.server.Session;
import dev.skylog.atproto.xrpc.XrpcError;
import dev.skylog.atproto.xrpc.XrpcException;

/**
 * Calls the XRPC methods Skylog needs on a PDS. Field names follow {@code ../shared/atproto/lexicons/}; each
 * call names the PDS explicitly, because every account may live on a different one.
 */
public class AtprotoClient {

	static final String CREATE_SESSION = "com.atproto.server.createSession";

	private final WebClient webClient;

	private final Duration timeout;

	public AtprotoClient(WebClient.Builder builder, Duration timeout) {
		this.webClient = builder.build();
		this.timeout = timeout;
	}

	public Mono<Session> createSession(URI pds, CreateSessionRequest request) {
		return this.webClient.post()
			.uri(xrpc(pds, CREATE_SESSION))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(request)
			.retrieve()
			.onStatus(HttpStatusCode::isError, (response) -> error(CREATE_SESSION, response))
			.bodyToMono(JsonNode.class)
			.map(AtprotoClient::session)
			.timeout(this.timeout);
	}

	private static Session session(JsonNode body) {
		return new Session(body.path("did").asString(), body.path("handle").asString(),
				body.path("email").asString(null), new SecretToken(body.path("accessJwt").asString()),
				new SecretToken(body.path("refreshJwt").asString()), body.path("active").asBoolean(true));
	}

	static URI xrpc(URI pds, String method) {
		String base = pds.toString().replaceAll("/+$", "");
		return URI.create(base + "/xrpc/" + method);
	}

	static Mono<Throwable> error(String method, ClientResponse response) {
		int status = response.statusCode().value();
		return response.bodyToMono(XrpcError.class)
			.onErrorResume((ex) -> Mono.empty())
			.defaultIfEmpty(new XrpcError("Unknown", "no XRPC error body"))
			.map((body) -> new XrpcException(method, status, body.error(), body.message()));
	}

}
