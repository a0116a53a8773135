package dev.skylog.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Skylog's benchmarks, run by {@code bench/run.sh <name> [--key=value…]}: each starts what it measures for real
 * (broker, PostgreSQL database, service jars) and prints a Markdown table for {@code bench/README.md}.
 */
public final class Bench {

	private Bench() {
	}

	public static void main(String[] args) {
		// The test kit's logback-test.xml would otherwise win over the bench's own, and log the broker at INFO.
		System.setProperty("logback.configurationFile", "bench-logback.xml");
		try {
			run(args);
		}
		catch (Throwable ex) {
			ex.printStackTrace();
			// The in-process broker's threads are not daemons.
			System.exit(1);
		}
		System.exit(0);
	}

	private static void run(String[] args) throws Exception {
		if (args.length == 0) {
			System.err.println("usage: bench/run.sh all|archive|stats|sync|startup [--key=value…] (see bench/README.md)");
			System.exit(2);
		}
		Map<String, String> options = new HashMap<>();
		Arrays.stream(args).skip(1).filter((arg) -> arg.startsWith("--")).forEach((arg) -> {
			int eq = arg.indexOf('=');
			options.put(arg.substring(2, (eq < 0) ? arg.length() : eq), (eq < 0) ? "true" : arg.substring(eq + 1));
		});
		StartupBench.chooseFlags(options);
		if (options.containsKey("profile")) {
			ServiceJar.profileInto(java.nio.file.Files.createDirectories(java.nio.file.Path.of(options.get("profile"))));
		}
		switch (args[0]) {
			case "archive" -> ArchiveBench.run(options);
			case "stats" -> StatsBench.run(options);
			case "startup" -> StartupBench.run(options);
			case "sync" -> SyncBench.run(options);
			default -> {
				System.err.println("unknown benchmark: " + args[0]);
				System.exit(2);
			}
		}
	}

}
