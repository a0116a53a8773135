package dev.skylog.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every benchmark at a tiny size, on the jars this build just packaged, so a benchmark cannot rot between the
 * runs that produce bench/README.md. Nothing here is timed: only that each completes and prints its table.
 */
class BenchSmokeTests {

	@Test
	void theArchiveBenchmarkRunsEndToEnd() throws Exception {
		String table = printed(() -> ArchiveBench.run(Map.of("posts", "2000", "accounts", "4", "queries", "10")));

		assertThat(table).contains("| archive-service ingest", "| Raw JDBC multi-row insert", "| Timeline, newest page",
				"| Search, 1 character", "through the gateway", "requests/s straight to archive-service");
	}

	@Test
	void theStatsBenchmarkRunsEndToEnd() throws Exception {
		String table = printed(() -> StatsBench.run(Map.of("posts", "2000", "accounts", "4", "queries", "10")));

		assertThat(table).contains("| Plain ingest", "| Rebuild by replay", "| Summary, while the rebuild runs", "| COPY of the same facts", "The rebuild reaches");
	}

	@Test
	void theSyncBenchmarkRunsEndToEnd() throws Exception {
		String table = printed(() -> SyncBench.run(Map.of("posts", "150", "likes", "120")));

		assertThat(table).contains("| First sync, default budget", "| Next sync, nothing new, no budget");
	}

	@Test
	void theStartupBenchmarkRunsEndToEnd() throws Exception {
		String table = printed(() -> StartupBench.run(Map.of("services", "sync-scheduler", "runs", "1")));

		assertThat(table).containsPattern("\\| sync-scheduler \\| [0-9.]+ s \\| [0-9]+ MiB \\| [0-9.]+ s \\| [0-9]+ MiB \\|");
	}

	private static String printed(Benchmark benchmark) throws Exception {
		PrintStream original = System.out;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
		try {
			benchmark.run();
		}
		finally {
			System.setOut(original);
		}
		String printed = out.toString(StandardCharsets.UTF_8);
		original.print(printed);
		return printed;
	}

	@FunctionalInterface
	interface Benchmark {

		void run() throws Exception;

	}

}
