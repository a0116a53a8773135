package dev.skylog.auth;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A stand-in PDS and PLC directory for the failures the reference PDS will not produce on demand (a sign-in
 * code, a 429, an account on a server that is down). Bodies follow the lexicons' error shapes.
 */
public final class StubPds implements AutoCloseable {

	private final DisposableServer server;

	private final AtomicInteger createSessionCalls = new AtomicInteger();

	private final Map<String, String> didDocuments = new ConcurrentHashMap<>();

	private volatile Function<String, Reply> createSession = (body) -> Reply.json(500, "{}");

	public StubPds() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes
				.post("/xrpc/com.atproto.server.createSession", (request, response) -> request.receive()
					.aggregate()
					.asString(StandardCharsets.UTF_8)
					.defaultIfEmpty("")
					.flatMap((body) -> {
						this.createSessionCalls.incrementAndGet();
						Reply reply = this.createSession.apply(body);
						var out = response.status(HttpResponseStatus.valueOf(reply.status()))
							.header("content-type", "application/json; charset=utf-8");
						reply.headers().forEach(out::header);
						return out.sendString(Mono.just(reply.body())).then();
					}))
				.get("/{did}", (request, response) -> {
					String document = this.didDocuments.get(request.param("did"));
					return (document != null)
							? response.header("content-type", "application/json").sendString(Mono.just(document))
							: response.status(404).sendString(Mono.just("{\"message\":\"DID not registered\"}"));
				}))
			.bindNow();
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	public int createSessionCalls() {
		return this.createSessionCalls.get();
	}

	public void onCreateSession(Function<String, Reply> handler) {
		this.createSession = handler;
	}

	public void registerDid(String did, String pdsUrl) {
		this.didDocuments.put(did, """
				{"id":"%s","alsoKnownAs":["at://someone.example"],"service":[{"id":"#atproto_pds",
				"type":"AtprotoPersonalDataServer","serviceEndpoint":"%s"}]}""".formatted(did, pdsUrl));
	}

	/** A createSession success for {@code did}, with JWTs that expire in two hours like Bluesky's. */
	public static Reply session(String did, String handle) {
		String access = jwt(Instant.now().plusSeconds(7200));
		String refresh = jwt(Instant.now().plusSeconds(90L * 24 * 3600));
		return Reply.json(200, """
				{"did":"%s","handle":"%s","accessJwt":"%s","refreshJwt":"%s","active":true}"""
			.formatted(did, handle, access, refresh));
	}

	public static String jwt(Instant expiresAt) {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		return base64.encodeToString("{\"typ\":\"at+jwt\",\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
				+ base64.encodeToString(("{\"scope\":\"com.atproto.access\",\"exp\":" + expiresAt.getEpochSecond()
						+ ",\"jti\":\"" + java.util.UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8))
				+ ".c2lnbmF0dXJl";
	}

	public void answerCreateSession(int status, String error, String message) {
		onCreateSession((body) -> Reply.error(status, error, message));
	}

	public void answerCreateSessionWithHeaders(int status, String error, String message, Map<String, String> headers) {
		onCreateSession((body) -> new Reply(status, "{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}",
				headers));
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	/** What the stub answers. */
	public record Reply(int status, String body, Map<String, String> headers) {

		public static Reply json(int status, String body) {
			return new Reply(status, body, Map.of());
		}

		public static Reply error(int status, String error, String message) {
			return json(status, "{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}");
		}

	}

}
