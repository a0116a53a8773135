package dev.skylog.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

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

	static double[] time(HttpClient client, int requests, java.util.function.Supplier<String> uri)
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
