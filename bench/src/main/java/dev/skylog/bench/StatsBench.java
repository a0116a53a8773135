package dev.skylog.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import dev.skylog.events.EventJson;
import dev.skylog.events.post.Facet;
import dev.skylog.events.post.PostContent;
import dev.skylog.events.post.PostFetched;
import dev.skylog.events.post.ReplyRef;
import dev.skylog.testkit.kafka.TestKafka;
import dev.skylog.testkit.postgres.TestDatabase;
import dev.skylog.testkit.postgres.TestPostgres;
import dev.skylog.testkit.session.TestSessions;

import static dev.skylog.bench.Measurements.csv;

/**
 * stats-service under the same history: the events are put on the topics first, then the service (its real
 * jar) is started and timed until every post is a fact — plain ingest. Then an administrator asks for a
 * rebuild, which replays the same topics from offset 0 into a shadow schema and swaps it in; it is timed from
 * the request to COMPLETED, while statistics requests are timed against the live tables.
 */
final class StatsBench {

	private StatsBench() {
	}

	static void run(Map<String, String> options) throws Exception {
		int posts = Integer.parseInt(options.getOrDefault("posts", "1000000"));
		int accounts = Integer.parseInt(options.getOrDefault("accounts", "100"));
		int queries = Integer.parseInt(options.getOrDefault("queries", "200"));
		int perAccount = posts / accounts;
		String bootstrap = TestKafka.broker().bootstrapServers();
		TestDatabase database = TestPostgres.createDatabase("bench_stats");
		Measurements.log("broker %s (%s), database %s", bootstrap, TestKafka.broker().kind(), database.name());
		try (TestSessions sessions = new TestSessions()) {
			EventLog.createTopics(bootstrap);
			SyntheticHistory history = new SyntheticHistory(42, accounts, perAccount);
			EventLog.produce(bootstrap, history, accounts, perAccount);
			int total = perAccount * accounts;
			Measurements.log("produced %,d events", total);

			try (ServiceJar stats = ServiceJar.start("stats-service", Map.of(
					"spring.kafka.bootstrap-servers", bootstrap,
					"spring.r2dbc.url", database.r2dbcUrl(),
					"spring.flyway.url", database.jdbcUrl(),
					"spring.kafka.consumer.group-id", "bench-stats",
					"spring.security.oauth2.resourceserver.jwt.jwk-set-uri", sessions.jwksUri(),
					"skylog.stats.rebuild.batch-size", options.getOrDefault("rebuild-batch", "2000")))) {
				CpuShares ingestCpu = CpuShares.from(Map.of("stats-service", stats.pid()));
				double ingestSeconds = Measurements.awaitRows(database, "stats.post_fact", total);
				String ingestShares = ingestCpu.since();
				Measurements.log("ingested %,d events in %.1f s", total, ingestSeconds);
				HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
				SplittableRandom random = new SplittableRandom(11);
				Measurements.time(client, queries / 2, () -> summary(stats, random, accounts));
				Latencies idleSummary = new Latencies("Summary (totals, streaks, months, years), idle",
						Measurements.time(client, queries, () -> summary(stats, random, accounts)));
				Latencies idleDaily = new Latencies("Daily, one year, idle", Measurements.time(client, queries,
						() -> daily(stats, random, accounts)));

				String admin = sessions.session("did:plc:benchadmin0000000000000", true);
				long rebuildStart = System.nanoTime();
				CpuShares rebuildCpu = CpuShares.from(Map.of("stats-service", stats.pid()));
				HttpResponse<String> started = client.send(HttpRequest.newBuilder(URI.create(stats.baseUrl()
						+ "/api/stats/admin/rebuild")).header("Authorization", "Bearer " + admin)
					.POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
				if (started.statusCode() != 202) {
					throw new IllegalStateException("rebuild answered " + started.statusCode() + ": " + started.body());
				}
				List<Double> duringRebuild = new ArrayList<>();
				String state = "REPLAYING";
				long applied = 0;
				while (!state.equals("COMPLETED") && !state.equals("FAILED")) {
					duringRebuild.add(Measurements.time(client, 1, () -> summary(stats, random, accounts))[0]);
					var status = EventJson.mapper().readTree(client.send(HttpRequest.newBuilder(URI.create(
							stats.baseUrl() + "/api/stats/admin/rebuild")).header("Authorization", "Bearer " + admin)
						.build(), HttpResponse.BodyHandlers.ofString()).body());
					state = status.get("state").asString();
					applied = status.get("eventsApplied").asLong();
					Thread.sleep(Duration.ofMillis(200));
				}
				double rebuildSeconds = Measurements.seconds(rebuildStart);
				String rebuildShares = rebuildCpu.since();
				if (state.equals("FAILED")) {
					throw new IllegalStateException("the rebuild failed; see the service's log");
				}
				Measurements.log("rebuilt from %,d events in %.1f s", applied, rebuildSeconds);
				double copySeconds = copyFacts(database, history, accounts, perAccount);
				Measurements.log("COPY of %,d facts in %.1f s", total, copySeconds);

				System.out.println();
				System.out.printf("stats-service, %,d posts across %d accounts (%s broker, PostgreSQL %s, %d cores)%n%n",
						total, accounts, TestKafka.broker().kind(), Measurements.serverVersion(database),
						Runtime.getRuntime().availableProcessors());
				System.out.println("| Measure | Events | Time | Rate |");
				System.out.println("|---|---|---|---|");
				System.out.printf("| Plain ingest (live listeners, Kafka → facts) | %,d | %.1f s | %,.0f events/s |%n",
						total, ingestSeconds, total / ingestSeconds);
				System.out.printf("| Rebuild by replay (offset 0 → shadow schema → swap → catch-up) | %,d | %.1f s | "
						+ "%,.0f events/s |%n", applied, rebuildSeconds, applied / rebuildSeconds);
				System.out.printf("| COPY of the same facts, same table and indexes | %,d | %.1f s | %,.0f rows/s |%n",
						total, copySeconds, total / copySeconds);
				System.out.printf("%nThe rebuild reaches %.2f of COPY (events/s against rows/s), plain ingest %.2f. "
						+ "stats-service's resident memory peaked at %d MiB (JVM flags %s).%n",
						(applied / rebuildSeconds) / (total / copySeconds), (total / ingestSeconds) / (total / copySeconds),
						stats.peakResidentMegabytes(), String.join(" ", StartupBench.containerFlags()));
				System.out.printf("Processor time, in cores, during plain ingest: %s; during the rebuild: %s.%n",
						ingestShares, rebuildShares);
				System.out.println();
				System.out.println("| Request (random account) | Requests | p50 | p99 |");
				System.out.println("|---|---|---|---|");
				System.out.println(idleSummary.row());
				System.out.println(idleDaily.row());
				System.out.println(new Latencies("Summary, while the rebuild runs",
						duringRebuild.stream().mapToDouble(Double::doubleValue).toArray()).row());
			}
		}
		finally {
			TestPostgres.drop(database);
		}
	}

	/**
	 * The facts the rebuild writes, straight into a copy of the fact table (same primary key and index) by COPY:
	 * the ceiling a rebuild is compared with. Tags, mentions and character counts as the service derives them.
	 */
	private static double copyFacts(TestDatabase database, SyntheticHistory history, int accounts, int perAccount)
			throws Exception {
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE stats.copy_post_fact (LIKE stats.post_fact INCLUDING ALL)");
		}
		return Measurements.copy(database, "COPY stats.copy_post_fact (uri, did, kind, posted_at, chars, has_media, "
				+ "hashtags, mentions, reply_parent_did, reply_parent_handle, event_at) FROM STDIN (FORMAT csv)", (out) -> {
					for (int index = 0; index < perAccount; index++) {
						for (int account = 0; account < accounts; account++) {
							PostFetched post = history.post(account, index);
							PostContent content = post.content();
							ReplyRef reply = content.reply();
							out.write(String.join(",", csv(post.uri()), csv(post.did()), post.kind().name(),
									post.sortAt().toString(),
									Integer.toString(content.text().codePointCount(0, content.text().length())),
									Boolean.toString(!content.media().isEmpty()), csv(array(content, Facet.Kind.TAG)),
									csv(array(content, Facet.Kind.MENTION)),
									(reply != null) ? csv(reply.parentAuthorDid()) : "",
									(reply != null && reply.parentAuthorHandle() != null) ? csv(reply.parentAuthorHandle()) : "",
									post.occurredAt().toString()) + "\n");
						}
					}
				});
	}

	/** A PostgreSQL text[] literal of a post's facet values of one kind. */
	private static String array(PostContent content, Facet.Kind kind) {
		return content.facets().stream()
			.filter((facet) -> facet.kind() == kind)
			.map((facet) -> "\"" + facet.value().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
			.collect(Collectors.joining(",", "{", "}"));
	}

	private static String summary(ServiceJar stats, SplittableRandom random, int accounts) {
		return stats.baseUrl() + "/api/stats/" + SyntheticHistory.handle(random.nextInt(accounts)) + "/summary";
	}

	private static String daily(ServiceJar stats, SplittableRandom random, int accounts) {
		return stats.baseUrl() + "/api/stats/" + SyntheticHistory.handle(random.nextInt(accounts))
				+ "/daily?from=2025-11-01&to=2026-10-31";
	}

}
