package dev.skylog.fetcher.sync;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A PDS that misbehaves on request: 429s with a reset time, 5xx, truncated JSON, unknown embeds, expired
 * tokens. Each XRPC method answers from a function of how many times it was called before.
 */
final class StubPds implements AutoCloseable {

	private final DisposableServer server;

	private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	private final Map<String, IntFunction<Reply>> answers = new ConcurrentHashMap<>();

	StubPds() {
		this.server = HttpServer.create().host("127.0.0.1").port(0).route((routes) -> routes
			.get("/xrpc/{method}", (request, response) -> {
				String method = request.param("method");
				int call = this.calls.computeIfAbsent(method, (m) -> new AtomicInteger()).getAndIncrement();
				Reply reply = this.answers.getOrDefault(method, (n) -> Reply.json(404, "{\"error\":\"MethodNotImplemented\"}"))
					.apply(call);
				var out = response.status(HttpResponseStatus.valueOf(reply.status()))
					.header("content-type", "application/json; charset=utf-8");
				reply.headers().forEach(out::header);
				return Mono.delay(reply.delay())
					.then(out.sendByteArray(Mono.just(reply.body().getBytes(StandardCharsets.UTF_8))).then());
			}))
			.bindNow();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	int calls(String method) {
		AtomicInteger count = this.calls.get(method);
		return (count != null) ? count.get() : 0;
	}

	void answer(String method, IntFunction<Reply> answer) {
		this.answers.put(method, answer);
	}

	/** A healthy account with one post and no likes. */
	void healthy(String did, String postBody) {
		answer("app.bsky.actor.getProfile", (n) -> Reply.json(200, "{\"did\":\"" + did + "\",\"handle\":\"stub.test\"}"));
		answer("app.bsky.feed.getAuthorFeed", (n) -> Reply.json(200, feed(postBody, null)));
		answer("app.bsky.feed.getActorLikes", (n) -> Reply.json(200, "{\"feed\":[]}"));
	}

	/** An author feed page holding one post, and the cursor to the next page if {@code cursor} is not null. */
	static String feed(String postBody, String cursor) {
		return "{\"feed\":[{\"post\":" + postBody + "}]" + ((cursor != null) ? ",\"cursor\":\"" + cursor + "\"" : "")
				+ "}";
	}

	static String post(String did, String rkey, String embed) {
		return """
				{"uri":"at://%1$s/app.bsky.feed.post/%2$s","cid":"bafystub","author":{"did":"%1$s","handle":"stub.test"},
				"record":{"$type":"app.bsky.feed.post","text":"hello","createdAt":"2026-11-01T00:00:00.000Z"},
				"indexedAt":"2026-11-01T00:00:00.000Z"%3$s}""".formatted(did, rkey, (embed != null) ? ",\"embed\":" + embed : "");
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	/** @param delay how long the stub keeps the caller waiting before it answers */
	record Reply(int status, String body, Map<String, String> headers, java.time.Duration delay) {

		Reply(int status, String body, Map<String, String> headers) {
			this(status, body, headers, java.time.Duration.ZERO);
		}

		static Reply json(int status, String body) {
			return new Reply(status, body, Map.of());
		}

		static Reply after(java.time.Duration delay, String body) {
			return new Reply(200, body, Map.of(), delay);
		}

	}

}
