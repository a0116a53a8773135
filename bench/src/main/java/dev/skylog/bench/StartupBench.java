package dev.skylog.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.util.FileSystemUtils;

import dev.skylog.testkit.kafka.TestKafka;
import dev.skylog.testkit.postgres.TestDatabase;
import dev.skylog.testkit.postgres.TestPostgres;

/**
 * Each service alone, started the way its container starts it: from {@code java} to its readiness probe saying UP
 * (context, Flyway, database and broker), and its resident memory at rest. Once as the fat jar, once extracted
 * with a Java AOT cache made by a training run of the same service (Spring's {@code spring.context.exit=onRefresh}).
 * The services start one after another, so none competes with another for the two cores.
 */
final class StartupBench {

	/**
	 * The memory limit the chart gives most services (512 MiB; 448–640 MiB for the others): the container's JVM
	 * sizes its heap from it. {@link #chooseFlags} may change them for a run.
	 */
	private static volatile List<String> containerFlags = flags(75, List.of(), false);

	/**
	 * {@code --heap-percent=N} (the heap's share of the limit, 75 as the images set it), {@code --jvm=-XX:A,-XX:B}
	 * (more options, to try one out) and {@code --spring-aot} (start with the bean definitions Spring's AOT engine
	 * generated at build time; the jars must have been built with {@code -Pspring-aot}), for every service started.
	 */
	static void chooseFlags(Map<String, String> options) {
		containerFlags = flags(Integer.parseInt(options.getOrDefault("heap-percent", "75")),
				options.containsKey("jvm") ? Arrays.asList(options.get("jvm").split(",")) : List.of(),
				options.containsKey("spring-aot"));
	}

	static List<String> containerFlags() {
		return containerFlags;
	}

	private static List<String> flags(int heapPercent, List<String> extra, boolean springAot) {
		List<String> flags = new ArrayList<>(List.of("-XX:MaxRAM=512m", "-XX:MaxRAMPercentage=" + heapPercent,
				"-XX:+ExitOnOutOfMemoryError"));
		flags.addAll(extra);
		if (springAot) {
			flags.add("-Dspring.aot.enabled=true");
		}
		return List.copyOf(flags);
	}

	static final List<String> MODULES = List.of("auth-service", "sync-scheduler", "fetcher-service",
			"archive-service", "stats-service", "gateway");

	private StartupBench() {
	}

	static void run(Map<String, String> options) throws Exception {
		List<String> modules = options.containsKey("services")
				? Arrays.asList(options.get("services").split(",")) : MODULES;
		int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
		String bootstrap = TestKafka.broker().bootstrapServers();
		// -XX:AOTCacheOutput came with Java 25 (JEP 514); an older JVM measures the fat jar only.
		boolean aotCache = Runtime.version().feature() >= 25;
		Path work = Files.createTempDirectory("skylog-bench-startup");
		List<String> rows = new ArrayList<>();
		try {
			for (String module : modules) {
				TestDatabase database = ownsDatabase(module) ? TestPostgres.createDatabase("bench_start") : null;
				try {
					Map<String, String> properties = properties(module, bootstrap, database);
					Measured jar = measure(ServiceJar.jar(module), List.of(), properties, runs);
					Measured aot = aotCache ? withAotCache(module, work, properties, runs) : null;
					Measurements.log("%s: jar %s, AOT cache %s", module, jar, aot);
					rows.add("| %s | %s | %s |".formatted(module, jar.cells(), (aot != null) ? aot.cells() : "— | —"));
				}
				finally {
					if (database != null) {
						TestPostgres.drop(database);
					}
				}
			}
		}
		finally {
			// Extracted jars and caches: ≈ 180 MiB a service.
			FileSystemUtils.deleteRecursively(work);
		}
		System.out.printf("%n| Service | Fat jar: start to ready | RSS at rest | Extracted + AOT cache: start to "
				+ "ready | RSS at rest |%n|---|---|---|---|---|%n");
		rows.forEach(System.out::println);
		System.out.printf("%nMedian of %d starts each; JVM flags %s; Java %s.%n", runs,
				String.join(" ", containerFlags()), Runtime.version());
	}

	/** Extracted, trained once, then measured with the cache the training left. */
	private static Measured withAotCache(String module, Path work, Map<String, String> properties, int runs)
			throws Exception {
		Path extracted = extract(module, work);
		Path cache = work.resolve(module + ".aot");
		try (ServiceJar training = ServiceJar.launch(extracted, withFlags(List.of("-XX:AOTCacheOutput=" + cache,
				"-Dspring.context.exit=onRefresh")), properties)) {
			training.awaitExit(Duration.ofMinutes(3));
		}
		return measure(extracted, List.of("-XX:AOTCache=" + cache), properties, runs);
	}

	/** The median start of {@code runs}, and the memory of that service after it settled for a few seconds. */
	private static Measured measure(Path jar, List<String> flags, Map<String, String> properties, int runs) {
		double[] seconds = new double[runs];
		long[] megabytes = new long[runs];
		for (int run = 0; run < runs; run++) {
			try (ServiceJar service = ServiceJar.launch(jar, withFlags(flags), properties)) {
				seconds[run] = service.secondsToReady(Duration.ofMinutes(2));
				ServiceJar.sleep(5_000);
				megabytes[run] = service.residentMegabytes();
			}
		}
		Arrays.sort(seconds);
		Arrays.sort(megabytes);
		return new Measured(seconds[runs / 2], megabytes[runs / 2]);
	}

	private static List<String> withFlags(List<String> flags) {
		List<String> all = new ArrayList<>(containerFlags());
		all.addAll(flags);
		return all;
	}

	/** Spring Boot's extracted layout ({@code -Djarmode=tools}): the class path an AOT cache can be made for. */
	private static Path extract(String module, Path work) throws Exception {
		Path destination = work.resolve(module);
		Process extract = new ProcessBuilder(ServiceJar.java(), "-Djarmode=tools", "-jar",
				ServiceJar.jar(module).toString(), "extract", "--destination", destination.toString())
			.redirectErrorStream(true)
			.redirectOutput(work.resolve(module + "-extract.log").toFile())
			.start();
		if (extract.waitFor() != 0) {
			throw new IllegalStateException("extracting " + module + " failed; see " + work);
		}
		try (var files = Files.list(destination)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no jar extracted to " + destination));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean ownsDatabase(String module) {
		return !module.equals("fetcher-service") && !module.equals("gateway");
	}

	private static Map<String, String> properties(String module, String bootstrap, TestDatabase database) {
		Map<String, String> properties = new HashMap<>();
		properties.put("spring.kafka.bootstrap-servers", bootstrap);
		properties.put("spring.kafka.consumer.group-id", "bench-start-" + module);
		properties.put("server.address", "127.0.0.1");
		properties.put("management.server.address", "127.0.0.1");
		if (database != null) {
			properties.put("spring.r2dbc.url", database.r2dbcUrl());
			properties.put("spring.flyway.url", database.jdbcUrl());
		}
		if (module.equals("auth-service")) {
			properties.put("skylog.auth.allow-development-secrets", "true");
		}
		return properties;
	}

	private record Measured(double seconds, long megabytes) {

		String cells() {
			return String.format(Locale.ROOT, "%.1f s | %d MiB", this.seconds, this.megabytes);
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%.2f s %d MiB", this.seconds, this.megabytes);
		}

	}

}
