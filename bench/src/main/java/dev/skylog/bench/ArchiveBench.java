package dev.skylog.bench;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

import dev.skylog.events.EventJson;
import dev.skylog.events.post.PostFetched;
import dev.skylog.testkit.kafka.TestKafka;
import dev.skylog.testkit.postgres.TestDatabase;
import dev.skylog.testkit.postgres.TestPostgres;

import static dev.skylog.bench.Measurements.csv;

/**
 * archive-service under a whole history: {@code posts} PostFetched events across {@code accounts} accounts are
 * put on the posts topic first, then the service (its real jar) is started and timed until every post is a row.
 * In the same run, the same number of rows goes into a copy of the post table (same indexes) by plain JDBC
 * multi-row inserts: the ceiling ingest is compared with. Then timeline pages and searches are timed over HTTP.
 */
final class ArchiveBench {

	private ArchiveBench() {
	}

	static void run(Map<String, String> options) throws Exception {
		int posts = Integer.parseInt(options.getOrDefault("posts", "1000000"));
		int accounts = Integer.parseInt(options.getOrDefault("accounts", "100"));
		int queries = Integer.parseInt(options.getOrDefault("queries", "500"));
		int perAccount = posts / accounts;
		String bootstrap = TestKafka.broker().bootstrapServers();
		TestDatabase database = TestPostgres.createDatabase("bench_archive");
		Measurements.log("broker %s (%s), database %s", bootstrap, TestKafka.broker().kind(), database.name());
		try {
			EventLog.createTopics(bootstrap);
			SyntheticHistory history = new SyntheticHistory(42, accounts, perAccount);
			long produceStart = System.nanoTime();
			EventLog.produce(bootstrap, history, accounts, perAccount);
			double produceSeconds = Measurements.seconds(produceStart);
			Measurements.log("produced %,d events in %.1f s", posts, produceSeconds);

			double ingestSeconds;
			long ingestPeak;
			String ingestShares;
			List<Latencies> latencies;
			List<Latencies> throughGateway;
			double[] throughput;
			String gatewayShares;
			try (ServiceJar archive = ServiceJar.start("archive-service", Map.of(
					"spring.kafka.bootstrap-servers", bootstrap,
					"spring.r2dbc.url", database.r2dbcUrl(),
					"spring.flyway.url", database.jdbcUrl(),
					"spring.kafka.consumer.group-id", "bench-archive"))) {
				CpuShares ingestCpu = CpuShares.from(Map.of("archive-service", archive.pid()));
				ingestSeconds = Measurements.awaitRows(database, "post", (long) perAccount * accounts);
				ingestShares = ingestCpu.since();
				Measurements.awaitRows(database, "account_settings", accounts);
				Measurements.log("ingested %,d posts in %.1f s", posts, ingestSeconds);
				ingestPeak = archive.peakResidentMegabytes();
				latencies = measureReads(archive.baseUrl(), history, accounts, perAccount, queries);
				try (ServiceJar gateway = ServiceJar.start("gateway", Map.of(
						"skylog.services.archive-url", archive.baseUrl(),
						// Counted in Redis as in production, but never reached: the bench is one client address.
						"skylog.gateway.rate-limits.api-per-ip", Integer.toString(Integer.MAX_VALUE / 2)))) {
					throughGateway = measureReads(gateway.baseUrl(), history, accounts, perAccount, queries);
					double direct = Measurements.throughput(archive.baseUrl(), accounts, queries * 4);
					CpuShares gatewayCpu = CpuShares.from(Map.of("gateway", gateway.pid(), "archive-service",
							archive.pid()));
					throughput = new double[] { direct, Measurements.throughput(gateway.baseUrl(), accounts, queries * 4) };
					gatewayShares = gatewayCpu.since();
				}
			}
			double rawSeconds = rawInsert(database, history, accounts, perAccount);
			Measurements.log("raw multi-row insert of %,d rows in %.1f s", posts, rawSeconds);
			double copySeconds = copy(database, history, accounts, perAccount);
			Measurements.log("COPY of %,d rows in %.1f s", posts, copySeconds);

			int total = perAccount * accounts;
			System.out.println();
			System.out.printf("archive-service, %,d posts across %d accounts (%s broker, PostgreSQL %s, %d cores)%n%n",
					total, accounts, TestKafka.broker().kind(), Measurements.serverVersion(database),
					Runtime.getRuntime().availableProcessors());
			System.out.println("| Measure | Events or rows | Time | Rate |");
			System.out.println("|---|---|---|---|");
			System.out.printf("| Producing the events to Kafka | %,d | %.1f s | %,.0f events/s |%n", total, produceSeconds,
					total / produceSeconds);
			System.out.printf("| archive-service ingest (Kafka → PostgreSQL, batch upserts with details) | %,d | %.1f s | "
					+ "%,.0f events/s |%n", total, ingestSeconds, total / ingestSeconds);
			System.out.printf("| Raw JDBC multi-row insert, same table and indexes, 1,000 rows per statement | %,d | "
					+ "%.1f s | %,.0f rows/s |%n", total, rawSeconds, total / rawSeconds);
			System.out.printf("| COPY, same table and indexes | %,d | %.1f s | %,.0f rows/s |%n", total, copySeconds,
					total / copySeconds);
			System.out.printf("%nIngest reaches %.2f of the multi-row insert and %.2f of COPY. archive-service's "
					+ "resident memory peaked at %d MiB during it (JVM flags %s).%n", rawSeconds / ingestSeconds,
					copySeconds / ingestSeconds, ingestPeak, String.join(" ", StartupBench.containerFlags()));
			System.out.printf("Processor time during ingest, in cores: %s.%n", ingestShares);
			System.out.println();
			System.out.println("| Request (random account, limit 50) | Requests | p50 | p99 | through the gateway: p50 | p99 |");
			System.out.println("|---|---|---|---|---|---|");
			for (int i = 0; i < latencies.size(); i++) {
				System.out.println(latencies.get(i).row() + " %.1f ms | %.1f ms |".formatted(
						throughGateway.get(i).percentile(50), throughGateway.get(i).percentile(99)));
			}
			System.out.printf("%nTimeline pages, %d concurrent clients, %,d requests: %,.0f requests/s straight to "
					+ "archive-service, %,.0f through the gateway (%.2f of direct).%n", Measurements.CLIENTS, queries * 4,
					throughput[0], throughput[1], throughput[1] / throughput[0]);
			System.out.printf("Processor time through the gateway, in cores: %s.%n", gatewayShares);
		}
		finally {
			TestPostgres.drop(database);
		}
	}

	private static List<Latencies> measureReads(String baseUrl, SyntheticHistory history, int accounts,
			int perAccount, int queries) throws Exception {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		SplittableRandom random = new SplittableRandom(7);
		IntFunction<String> posts = (account) -> baseUrl + "/api/archive/" + SyntheticHistory.handle(account)
				+ "/posts?limit=50";
		List<Latencies> results = new ArrayList<>();
		// Warm-up: JIT, connection pools, PostgreSQL's buffer cache.
		Measurements.time(client, queries / 2, () -> posts.apply(random.nextInt(accounts)));
		results.add(new Latencies("Timeline, newest page", Measurements.time(client, queries,
				() -> posts.apply(random.nextInt(accounts)))));
		results.add(new Latencies("Timeline, a page deep in the history (cursor)", Measurements.time(client, queries, () -> {
			int account = random.nextInt(accounts);
			PostFetched at = history.post(account, random.nextInt(perAccount));
			String cursor = Base64.getUrlEncoder().withoutPadding()
				.encodeToString((at.sortAt() + "|" + at.uri()).getBytes(StandardCharsets.UTF_8));
			return posts.apply(account) + "&cursor=" + cursor;
		})));
		results.add(search(client, random, posts, accounts, queries, "Search, 1 character (猫, 雨, 本, 夢)",
				List.of("猫", "雨", "本", "夢")));
		results.add(search(client, random, posts, accounts, queries, "Search, 2 characters (東京, 仕事, 映画, 温泉)",
				List.of("東京", "仕事", "映画", "温泉")));
		results.add(search(client, random, posts, accounts, queries, "Search, 3+ characters (ラーメン, コーヒー, coffee)",
				List.of("ラーメン", "コーヒー", "coffee", "sunset")));
		results.add(search(client, random, posts, accounts, queries, "Search, two words (猫 東京)", List.of("猫 東京")));
		results.add(search(client, random, posts, accounts, queries, "Search with no match, 1 character (鯨)",
				List.of("鯨")));
		results.add(search(client, random, posts, accounts, queries, "Search with no match, 3+ characters (ピザパーティー)",
				List.of("ピザパーティー")));
		return results;
	}

	private static Latencies search(HttpClient client, SplittableRandom random, IntFunction<String> posts,
			int accounts, int queries, String name, List<String> terms) throws Exception {
		return new Latencies(name, Measurements.time(client, queries, () -> posts.apply(random.nextInt(accounts)) + "&q="
				+ URLEncoder.encode(terms.get(random.nextInt(terms.size())), StandardCharsets.UTF_8)));
	}

	/** The same rows, the same table shape and indexes, straight from JDBC: what the database alone can take. */
	private static double rawInsert(TestDatabase database, SyntheticHistory history, int accounts, int perAccount)
			throws Exception {
		try (Connection connection = database.connect()) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE raw_post (LIKE post INCLUDING ALL)");
			}
			connection.setAutoCommit(false);
			String sql = """
					INSERT INTO raw_post (uri, did, cid, kind, created_at, sort_at, text, content, langs, search_text)
					SELECT u.uri, u.did, u.cid, u.kind, u.at::timestamptz, u.at::timestamptz, u.text, u.content::jsonb,
					    '{ja}', u.search_text
					FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
					  AS u(uri, did, cid, kind, at, text, content, search_text)
					ON CONFLICT (uri) DO NOTHING
					""";
			List<PostFetched> batch = new ArrayList<>(1000);
			long start = System.nanoTime();
			try (PreparedStatement insert = connection.prepareStatement(sql)) {
				for (int index = 0; index < perAccount; index++) {
					for (int account = 0; account < accounts; account++) {
						batch.add(history.post(account, index));
						if (batch.size() == 1000) {
							insertBatch(connection, insert, batch);
						}
					}
				}
				if (!batch.isEmpty()) {
					insertBatch(connection, insert, batch);
				}
			}
			return Measurements.seconds(start);
		}
	}

	/** The same rows again through COPY, PostgreSQL's fastest way in, into another copy of the table. */
	private static double copy(TestDatabase database, SyntheticHistory history, int accounts, int perAccount)
			throws Exception {
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE copy_post (LIKE post INCLUDING ALL)");
		}
		return Measurements.copy(database, "COPY copy_post (uri, did, cid, kind, created_at, sort_at, text, content, "
				+ "langs, search_text) FROM STDIN (FORMAT csv)", (out) -> {
					for (int index = 0; index < perAccount; index++) {
						for (int account = 0; account < accounts; account++) {
							PostFetched post = history.post(account, index);
							out.write(String.join(",", csv(post.uri()), csv(post.did()), csv(post.cid()),
									post.kind().name(), post.sortAt().toString(), post.sortAt().toString(),
									csv(post.content().text()),
									csv(EventJson.mapper().writeValueAsString(post.content())), "\"{ja}\"",
									csv(Normalizer.normalize(post.content().text(), Normalizer.Form.NFKC).toLowerCase()))
									+ "\n");
						}
					}
				});
	}

	private static void insertBatch(Connection connection, PreparedStatement insert, List<PostFetched> batch)
			throws Exception {
		insert.setArray(1, connection.createArrayOf("text", batch.stream().map(PostFetched::uri).toArray()));
		insert.setArray(2, connection.createArrayOf("text", batch.stream().map(PostFetched::did).toArray()));
		insert.setArray(3, connection.createArrayOf("text", batch.stream().map(PostFetched::cid).toArray()));
		insert.setArray(4, connection.createArrayOf("text", batch.stream().map((p) -> p.kind().name()).toArray()));
		insert.setArray(5, connection.createArrayOf("text", batch.stream().map((p) -> p.sortAt().toString()).toArray()));
		insert.setArray(6, connection.createArrayOf("text", batch.stream().map((p) -> p.content().text()).toArray()));
		insert.setArray(7, connection.createArrayOf("text",
				batch.stream().map((p) -> EventJson.mapper().writeValueAsString(p.content())).toArray()));
		insert.setArray(8, connection.createArrayOf("text", batch.stream()
			.map((p) -> Normalizer.normalize(p.content().text(), Normalizer.Form.NFKC).toLowerCase())
			.toArray()));
		insert.executeUpdate();
		connection.commit();
		batch.clear();
	}

}
