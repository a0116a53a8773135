package dev.skylog.bench;

import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

import dev.skylog.testkit.postgres.TestDatabase;

/** Waiting for rows and timing requests, the same way in every benchmark. */
final class Measurements {

	private Measurements() {
	}

	/**
	 * Seconds from the first row to the {@code expected}-th. Polls PostgreSQL's insert counter, which costs
	 * nothing (a count(*) every few hundred milliseconds over a growing table would take a core from the service),
	 * and confirms with one exact count at the end.
	 */
	static double awaitRows(TestDatabase database, String table, long expected) throws Exception {
		long start = System.nanoTime();
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			long firstRowAt = 0;
			while (true) {
				long inserted = scalar(statement, "SELECT coalesce(sum(n_tup_ins), 0) FROM pg_stat_user_tables "
						+ "WHERE relname = '" + table.substring(table.indexOf('.') + 1) + "'");
				if (inserted > 0 && firstRowAt == 0) {
					firstRowAt = System.nanoTime();
				}
				if (inserted >= expected && scalar(statement, "SELECT count(*) FROM " + table) >= expected) {
					return seconds(firstRowAt);
				}
				if (seconds(start) > 3600) {
					throw new IllegalStateException("only " + inserted + " of " + expected + " rows after an hour");
				}
				Thread.sleep(250);
			}
		}
	}

	static long scalar(Statement statement, String sql) throws Exception {
		try (ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	static double[] time(HttpClient client, int requests, Supplier<String> uri)
			throws Exception {
		double[] millis = new double[requests];
		for (int i = 0; i < requests; i++) {
			HttpRequest request = HttpRequest.newBuilder(URI.create(uri.get())).timeout(Duration.ofSeconds(30)).build();
			long start = System.nanoTime();
			HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
			millis[i] = (System.nanoTime() - start) / 1e6;
			if (response.statusCode() != 200) {
				throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
						+ new String(response.body(), StandardCharsets.UTF_8));
			}
		}
		return millis;
	}

	/** Concurrent clients in throughput runs: enough to keep both cores busy while each waits for its answer. */
	static final int CLIENTS = 16;

	/**
	 * Timeline pages of random accounts per second, {@link #CLIENTS} clients asking at once, {@code requests} in
	 * all (after as many again to warm up).
	 */
	static double throughput(String baseUrl, int accounts, int requests) throws Exception {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		IntSupplier account = () -> ThreadLocalRandom.current().nextInt(accounts);
		Supplier<String> page = () -> baseUrl + "/api/archive/"
				+ SyntheticHistory.handle(account.getAsInt()) + "/posts?limit=50";
		concurrently(client, requests, page);
		long start = System.nanoTime();
		concurrently(client, requests, page);
		return requests / seconds(start);
	}

	private static void concurrently(HttpClient client, int requests, Supplier<String> uri)
			throws Exception {
		try (var clients = Executors.newFixedThreadPool(CLIENTS)) {
			List<Future<double[]>> done = new ArrayList<>();
			for (int c = 0; c < CLIENTS; c++) {
				int share = requests / CLIENTS + ((c < requests % CLIENTS) ? 1 : 0);
				done.add(clients.submit(() -> time(client, share, uri)));
			}
			for (var each : done) {
				each.get();
			}
		}
	}

	/**
	 * Seconds PostgreSQL takes to COPY the CSV lines {@code rows} writes, its fastest way in: the ceiling a
	 * service's own writes are compared with. The lines are made while COPY reads them, as a service makes its rows
	 * while it writes.
	 */
	static double copy(TestDatabase database, String copySql, CsvRows rows) throws Exception {
		try (Connection connection = database.connect()) {
			CopyManager copy = new CopyManager(connection.unwrap(BaseConnection.class));
			long start = System.nanoTime();
			PipedWriter writer = new PipedWriter();
			PipedReader reader = new PipedReader(writer, 1 << 20);
			Thread producer = Thread.ofVirtual().start(() -> {
				try (writer) {
					rows.writeTo(writer);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			copy.copyIn(copySql, reader);
			producer.join();
			return seconds(start);
		}
	}

	/** A quoted CSV field. */
	static String csv(String value) {
		return "\"" + value.replace("\"", "\"\"") + "\"";
	}

	@FunctionalInterface
	interface CsvRows {

		void writeTo(Writer out) throws IOException;

	}

	static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

	static void log(String format, Object... args) {
		System.err.printf("[bench] " + format + "%n", args);
	}

	static String serverVersion(TestDatabase database) throws Exception {
		try (Connection connection = database.connect(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SHOW server_version")) {
			rows.next();
			return rows.getString(1).split(" ")[0];
		}
	}

}
