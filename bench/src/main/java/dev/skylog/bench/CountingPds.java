package dev.skylog.bench;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * A PDS seen through a meter: every call is passed on as it came and counted by XRPC method, with the time the
 * PDS took to answer it. What a sync cost is then measured outside the fetcher, not taken from its own report.
 */
final class CountingPds implements AutoCloseable {

	// Compressed answers would not survive being passed on as text.
	private static final Set<String> NOT_PASSED_ON = Set.of("host", "accept-encoding", "content-length");

	private final HttpClient upstream;

	private final DisposableServer server;

	private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

	CountingPds(String upstreamUrl) {
		this.upstream = HttpClient.create().baseUrl(upstreamUrl);
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			String method = request.uri().replaceFirst("\\?.*$", "").replaceFirst("^/xrpc/", "");
			return request.receive().aggregate().asString().defaultIfEmpty("").flatMap((body) -> {
				long start = System.nanoTime();
				long startedAt = System.currentTimeMillis();
				return this.upstream
					.headers((headers) -> request.requestHeaders().forEach((header) -> {
						if (!NOT_PASSED_ON.contains(header.getKey().toLowerCase(Locale.ROOT))) {
							headers.add(header.getKey(), header.getValue());
						}
					}))
					.request(request.method())
					.uri(request.uri())
					.send((req, out) -> body.isEmpty() ? out : out.sendString(Mono.just(body)))
					.responseSingle((answer, bytes) -> bytes.asString().defaultIfEmpty("").flatMap((text) -> {
						this.calls.add(new Call(method, startedAt, (System.nanoTime() - start) / 1e6));
						response.status(answer.status());
						answer.responseHeaders().forEach((header) -> {
							String name = header.getKey().toLowerCase(Locale.ROOT);
							if (name.equals("content-type") || name.startsWith("ratelimit-")) {
								response.header(header.getKey(), header.getValue());
							}
						});
						return response.sendString(Mono.just(text)).then();
					}));
			});
		}).bindNow();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/** Calls answered since the last {@code take}, and forgets them. */
	List<Call> take() {
		List<Call> taken = List.copyOf(this.calls);
		this.calls.removeAll(taken);
		return taken;
	}

	static double medianMillis(List<Call> calls) {
		double[] millis = calls.stream().mapToDouble(Call::millis).sorted().toArray();
		return (millis.length == 0) ? 0 : millis[millis.length / 2];
	}

	static long firstStartedAt(List<Call> calls) {
		return calls.stream().mapToLong(Call::startedAt).min().orElseThrow();
	}

	static double totalMillis(List<Call> calls) {
		return calls.stream().mapToDouble(Call::millis).sum();
	}

	static String describe(List<Call> calls) {
		return calls.stream().collect(Collectors.groupingBy(Call::method, TreeMap::new, Collectors.counting()))
			.entrySet().stream().map((e) -> e.getValue() + " × " + e.getKey().replaceFirst("^.*\\.", ""))
			.collect(Collectors.joining(", "));
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	/**
	 * One call.
	 *
	 * @param startedAt when it came in, epoch milliseconds
	 * @param millis how long the PDS took to answer it
	 */
	record Call(String method, long startedAt, double millis) {
	}

}
