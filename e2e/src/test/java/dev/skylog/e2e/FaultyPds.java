package dev.skylog.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * The devnet's PDS as a bad network or a struggling server shows it: every call is passed on to the real PDS, except
 * the ones a test has lined up a fault for, which get Bluesky's own 429 (with its {@code RateLimit-*} headers), a
 * 502, an answer too late, a JSON body cut off in the middle, the refusal of an access token that has expired, or
 * the real answer with an embed of an unknown type. Faults of one XRPC method are used up in order; every call is
 * kept, with the access token it carried.
 */
final class FaultyPds implements AutoCloseable {

	// Compressed answers would not survive being read as text on the way through.
	private static final java.util.Set<String> NOT_PASSED_ON = java.util.Set.of("host", "accept-encoding",
			"content-length");

	private final HttpClient upstream;

	private final DisposableServer server;

	private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();

	private final Deque<Call> calls = new ConcurrentLinkedDeque<>();

	FaultyPds(String upstreamUrl) {
		this.upstream = HttpClient.create().baseUrl(upstreamUrl);
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			String path = request.uri().replaceFirst("\\?.*$", "");
			String method = path.startsWith("/xrpc/") ? path.substring("/xrpc/".length()) : path;
			this.calls.add(new Call(method, request.requestHeaders().get("authorization", "")));
			Deque<Fault> lined = this.faults.get(method);
			Fault fault = (lined != null) ? lined.pollFirst() : null;
			if (fault != null && fault.rewrite() == null) {
				response.status(HttpResponseStatus.valueOf(fault.status())).header("content-type", "application/json");
				fault.headers().forEach(response::header);
				return Mono.delay(fault.delay()).then(response.sendString(Mono.just(fault.body())).then());
			}
			UnaryOperator<String> rewrite = (fault != null) ? fault.rewrite() : UnaryOperator.identity();
			return request.receive().aggregate().asString().defaultIfEmpty("")
				.flatMap((body) -> this.upstream
					.headers((headers) -> request.requestHeaders().forEach((header) -> {
						if (!NOT_PASSED_ON.contains(header.getKey().toLowerCase(Locale.ROOT))) {
							headers.add(header.getKey(), header.getValue());
						}
					}))
					.request(request.method())
					.uri(request.uri())
					.send((req, out) -> body.isEmpty() ? out : out.sendString(Mono.just(body)))
					.responseSingle((answer, bytes) -> bytes.asString().defaultIfEmpty("")
						.map((text) -> Map.entry(answer, text))))
				.flatMap((answered) -> {
					response.status(answered.getKey().status());
					answered.getKey().responseHeaders().forEach((header) -> {
						String name = header.getKey().toLowerCase(Locale.ROOT);
						if (name.equals("content-type") || name.startsWith("ratelimit-")) {
							response.header(header.getKey(), header.getValue());
						}
					});
					return response.sendString(Mono.just(rewrite.apply(answered.getValue()))).then();
				});
		}).bindNow();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/** Lines up faults for the next calls of an XRPC method, in order; later calls pass through. */
	void fail(String method, Fault... lined) {
		this.faults.computeIfAbsent(method, (m) -> new ConcurrentLinkedDeque<>())
			.addAll(List.of(lined));
	}

	/** The calls of an XRPC method so far, oldest first. */
	List<Call> calls(String method) {
		return this.calls.stream().filter((call) -> call.method().equals(method)).toList();
	}

	/** Faults lined up and not yet used. */
	int faultsLeft() {
		return this.faults.values().stream().mapToInt(Deque::size).sum();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	/** @param authorization the {@code Authorization} header it came with, empty when none */
	record Call(String method, String authorization) {
	}

	/**
	 * @param delay how long the caller waits before the answer comes (longer than its timeout: none does)
	 * @param rewrite when set, the real PDS's answer goes through, changed by it
	 */
	record Fault(int status, String body, Map<String, String> headers, Duration delay, UnaryOperator<String> rewrite) {

		Fault(int status, String body, Map<String, String> headers) {
			this(status, body, headers, Duration.ZERO, null);
		}

		/** Bluesky's answer to too many requests: wait until {@code RateLimit-Reset} (epoch seconds). */
		static Fault rateLimited(long resetInSeconds) {
			long reset = Instant.now().plusSeconds(resetInSeconds).getEpochSecond();
			return new Fault(429, "{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}",
					Map.of("RateLimit-Limit", "3000", "RateLimit-Remaining", "0", "RateLimit-Reset",
							Long.toString(reset), "RateLimit-Policy", "3000;w=300"));
		}

		static Fault serverError() {
			return new Fault(502, "{\"error\":\"UpstreamFailure\",\"message\":\"Upstream Failure\"}", Map.of());
		}

		/** An answer that comes only after {@code delay}. */
		static Fault slow(Duration delay) {
			return new Fault(200, "{\"feed\":[]}", Map.of(), delay, null);
		}

		/** The real answer, its first post carrying an embed of a type no lexicon Skylog knows defines. */
		static Fault unknownEmbed() {
			return new Fault(200, null, Map.of(), Duration.ZERO, (body) -> body.replaceFirst(Pattern.quote("\"post\":{"),
					Matcher.quoteReplacement("\"post\":{\"embed\":{\"$type\":\"app.bsky.embed.fromTheFuture#view\","
							+ "\"hologram\":true},")));
		}

		/** The PDS refusing an access token past its expiry, as it answers it (recorded from the devnet). */
		static Fault expiredToken() {
			return new Fault(400, "{\"error\":\"ExpiredToken\",\"message\":\"Token has expired\"}", Map.of());
		}

		/** A 200 whose JSON stops in the middle, as a dropped connection leaves it. */
		static Fault truncated() {
			return new Fault(200, "{\"feed\":[{\"post\":{\"uri\":", Map.of());
		}

	}

}
