package dev.skylog.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the machine's processor time went while something ran: the services under test, PostgreSQL (all its
 * processes), and this JVM (which hosts the in-process Kafka broker and the benchmark's clients), in cores. On two cores, a service whose
 * database takes one of them cannot go faster by itself: this says which of them a missed goal ran into.
 */
final class CpuShares {

	// Linux counts processor time in clock ticks; USER_HZ is 100 on every architecture it supports.
	private static final double TICKS_PER_SECOND = 100.0;

	private final Map<String, Long> services;

	private final long start = System.nanoTime();

	private final Map<String, Long> serviceTicks = new LinkedHashMap<>();

	private final long postgres;

	private final long bench;

	private CpuShares(Map<String, Long> services) {
		this.services = services;
		services.forEach((name, pid) -> this.serviceTicks.put(name, ticks(pid)));
		this.postgres = postgresTicks();
		this.bench = ticks(ProcessHandle.current().pid());
	}

	/** Starts counting now, for these services (name to process id). */
	static CpuShares from(Map<String, Long> services) {
		return new CpuShares(new LinkedHashMap<>(services));
	}

	/** Cores used on average since {@link #from}, as "service x, PostgreSQL y, Kafka and the bench z of n cores". */
	String since() {
		double seconds = Measurements.seconds(this.start);
		StringBuilder shares = new StringBuilder();
		this.services.forEach((name, pid) -> shares.append("%s %.2f, ".formatted(name,
				cores(ticks(pid) - this.serviceTicks.get(name), seconds))));
		return shares + "PostgreSQL %.2f, Kafka and the bench %.2f of %d cores".formatted(
				cores(postgresTicks() - this.postgres, seconds),
				cores(ticks(ProcessHandle.current().pid()) - this.bench, seconds),
				Runtime.getRuntime().availableProcessors());
	}

	private static double cores(long ticks, double seconds) {
		return ticks / TICKS_PER_SECOND / seconds;
	}

	/** utime + stime of a process, or 0 once it has ended. */
	private static long ticks(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// The command name (field 2) may hold spaces; the fields after it are fixed.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	// Backends come and go with connections; the time of one that ended in between is not counted, so the figure
	// is a floor. Pools keep their connections for the whole run, so little is lost.
	private static long postgresTicks() {
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			return processes.filter((dir) -> dir.getFileName().toString().chars().allMatch(Character::isDigit))
				.filter((dir) -> {
					try {
						return Files.readString(dir.resolve("comm")).strip().startsWith("postgres");
					}
					catch (IOException ex) {
						return false;
					}
				})
				.mapToLong((dir) -> ticks(Long.parseLong(dir.getFileName().toString())))
				.sum();
		}
		catch (IOException ex) {
			return 0;
		}
	}

}
