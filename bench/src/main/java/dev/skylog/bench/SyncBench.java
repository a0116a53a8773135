package dev.skylog.bench;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;

import dev.skylog.events.EventJson;
import dev.skylog.events.EventMetadata;
import dev.skylog.events.SkylogEvent;
import dev.skylog.events.Topics;
import dev.skylog.events.kafka.EventSerde;
import dev.skylog.events.sync.SyncCheckpoint;
import dev.skylog.events.sync.SyncCompleted;
import dev.skylog.events.sync.SyncProgress;
import dev.skylog.events.sync.SyncRequested;
import dev.skylog.events.sync.SyncStatusEvent;
import dev.skylog.testkit.devnet.Devnet;
import dev.skylog.testkit.devnet.DevnetRepo;
import dev.skylog.testkit.kafka.TestKafka;

/**
 * What a sync costs Bluesky: a devnet account with {@code posts} posts and {@code likes} likes is synced by the
 * fetcher's real jar, the account's PDS reached through {@link CountingPds}. A first sync is compared with the
 * fewest requests that can fetch it (⌈posts/100⌉ + ⌈likes/100⌉ + 1 profile) and with that many answers of the
 * PDS's median time; then a sync with nothing new. Each at the default request budget (5 per second per host,
 * half of what Bluesky allows) and with no budget, which shows what the fetcher itself adds.
 */
final class SyncBench {

	private static final String CREDENTIAL = "bench-internal-credential-0123456789";

	private SyncBench() {
	}

	static void run(Map<String, String> options) throws Exception {
		int posts = Integer.parseInt(options.getOrDefault("posts", "10000"));
		int likes = Integer.parseInt(options.getOrDefault("likes", "2000"));
		String bootstrap = TestKafka.broker().bootstrapServers();
		EventLog.createTopics(bootstrap);
		try (Devnet devnet = Devnet.start()) {
			DevnetRepo repo = new DevnetRepo(devnet.info().pdsUrl());
			String name = "sync" + UUID.randomUUID().toString().substring(0, 6);
			JsonNode account = repo.createAccount(name, "bench-password");
			String did = account.path("did").asString();
			String jwt = account.path("accessJwt").asString();
			long seeding = System.nanoTime();
			repo.post(did, jwt, posts, "bench");
			List<JsonNode> own = repo.records(did, "app.bsky.feed.post");
			repo.like(did, jwt, own.subList(0, Math.min(likes, own.size())));
			indexed(devnet);
			Measurements.log("devnet account with %,d posts and %,d likes in %.0f s", posts, likes,
					Measurements.seconds(seeding));

			long fewest = ceilDiv(posts, 100) + ceilDiv(likes, 100) + 1;
			List<String> rows = new ArrayList<>();
			try (CountingPds pds = new CountingPds(devnet.info().pdsUrl());
					TokenServer tokens = new TokenServer(did, repo.login(name + ".test", "bench-password"), pds.url())) {
				for (String budget : List.of("5", "1000")) {
					try (ServiceJar fetcher = ServiceJar.start("fetcher-service", Map.of(
							"spring.kafka.bootstrap-servers", bootstrap,
							"spring.kafka.consumer.group-id", "bench-fetcher-" + budget,
							"skylog.fetcher.auth-service.url", tokens.url(),
							"skylog.fetcher.auth-service.service-token", CREDENTIAL,
							"skylog.fetcher.bluesky.requests-per-second", budget))) {
						pds.take();
						SyncCompleted first = sync(bootstrap, did, SyncCheckpoint.empty());
						List<CountingPds.Call> firstCalls = pds.take();
						double firstSeconds = secondsFromFirstRequest(first, firstCalls);
						SyncCompleted again = sync(bootstrap, did, first.checkpoint());
						List<CountingPds.Call> againCalls = pds.take();
						double againSeconds = secondsFromFirstRequest(again, againCalls);
						double median = CountingPds.medianMillis(firstCalls);
						String label = budget.equals("5") ? "default budget (5 requests/s)" : "no budget";
						rows.add("| First sync, %s | %d (%s) | %d | %.0f ms | %.1f s | %.1f s | %.2f | %.1f s |".formatted(
								label, firstCalls.size(), CountingPds.describe(firstCalls), fewest, median,
								firstSeconds, fewest * median / 1000, firstSeconds / (fewest * median / 1000),
								CountingPds.totalMillis(firstCalls) / 1000));
						rows.add("| Next sync, nothing new, %s | %d (%s) | ≤ 3 | %.0f ms | %.1f s | — | — | %.1f s |".formatted(
								label, againCalls.size(), CountingPds.describe(againCalls),
								CountingPds.medianMillis(againCalls), againSeconds,
								CountingPds.totalMillis(againCalls) / 1000));
						if (first.postsFetched() != posts || first.likesFetched() != Math.min(likes, posts)) {
							throw new IllegalStateException("the first sync fetched " + first.postsFetched()
									+ " posts and " + first.likesFetched() + " likes");
						}
					}
				}
			}
			System.out.printf("%nSync of a devnet account, %,d posts and %,d likes (PDS and AppView of "
					+ "@atproto/dev-env on loopback)%n%n", posts, likes);
			System.out.println("| Sync | Requests to the PDS | Fewest possible | PDS median answer | Wall time | "
					+ "Fewest × median | Wall ÷ (fewest × median) | The PDS's answers, added up |");
			System.out.println("|---|---|---|---|---|---|---|---|");
			rows.forEach(System.out::println);
		}
	}

	/** Asks for a sync the way the scheduler does and waits for the fetcher to report it completed. */
	private static SyncCompleted sync(String bootstrap, String did, SyncCheckpoint checkpoint) throws Exception {
		SyncRequested request = SyncRequested.of(EventMetadata.now(), did, UUID.randomUUID(),
				SyncRequested.Trigger.MANUAL, Instant.now().plusSeconds(1800), checkpoint);
		try (var producer = new KafkaProducer<String, SkylogEvent>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(),
				EventSerde.serializer())) {
			producer.send(new ProducerRecord<>(Topics.SYNC_REQUESTS.name(), did, request)).get();
		}
		long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
		while (System.nanoTime() < deadline) {
			for (var record : TestKafka.records(Topics.SYNC_STATUS.name(), did, Integer.MAX_VALUE, Duration.ofSeconds(1))) {
				SkylogEvent event = EventJson.mapper().readValue(record.value(), SkylogEvent.class);
				if (event instanceof SyncStatusEvent status && status.syncId().equals(request.syncId())) {
					if (status instanceof SyncCompleted completed) {
						return completed;
					}
					if (!(status instanceof SyncProgress)) {
						throw new IllegalStateException("the sync ended with " + record.value());
					}
				}
			}
		}
		throw new IllegalStateException("no end of sync " + request.syncId() + " within 30 minutes");
	}

	/**
	 * From the sync's first request to the PDS to its end as the fetcher reported it (both on this machine's clock):
	 * the sync itself, without the time a fetcher just started takes to join its consumer group.
	 */
	private static double secondsFromFirstRequest(SyncCompleted completed, List<CountingPds.Call> calls) {
		return (completed.occurredAt().toEpochMilli() - CountingPds.firstStartedAt(calls)) / 1000.0;
	}

	// The AppView indexes thousands of new records for longer than one processAll call waits; the work goes on
	// behind a call that timed out, so asking again waits for the rest.
	private static void indexed(Devnet devnet) {
		for (int attempt = 1;; attempt++) {
			try {
				devnet.processAll();
				return;
			}
			catch (UncheckedIOException ex) {
				if (attempt == 20) {
					throw ex;
				}
				Measurements.log("the AppView is still indexing (%s); asking again", ex.getMessage());
			}
		}
	}

	private static long ceilDiv(long a, long b) {
		return (a + b - 1) / b;
	}

	/**
	 * auth-service's internal token API as the fetcher calls it, for one account: its access token, and the
	 * metered PDS as its PDS.
	 */
	private static final class TokenServer implements AutoCloseable {

		private final DisposableServer server;

		TokenServer(String did, String accessJwt, String pdsUrl) {
			String answer = "{\"did\":\"%s\",\"accessJwt\":\"%s\",\"pdsUrl\":\"%s\",\"expiresAt\":\"%s\"}"
				.formatted(did, accessJwt, pdsUrl, Instant.now().plus(Duration.ofHours(2)));
			this.server = HttpServer.create().host("127.0.0.1").port(0).route((routes) -> routes
				.get("/internal/accounts/{did}/access-token", (request, response) ->
						("Bearer " + CREDENTIAL).equals(request.requestHeaders().get("Authorization"))
								? response.header("content-type", "application/json").sendString(Mono.just(answer))
								: response.status(401).send()))
				.bindNow();
		}

		String url() {
			return "http://127.0.0.1:" + this.server.port();
		}

		@Override
		public void close() {
			this.server.disposeNow();
		}

	}

}
