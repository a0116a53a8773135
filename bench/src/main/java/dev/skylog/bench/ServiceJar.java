package dev.skylog.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** One Skylog service from its built jar, as production runs it, on free loopback ports. */
final class ServiceJar implements AutoCloseable {

	private final Process process;

	private final int port;

	private final int managementPort;

	private final Path log;

	private final long launchedAt;

	private final AtomicLong peakResident = new AtomicLong();

	private final Path recording;

	private final AtomicBoolean profilePrinted = new AtomicBoolean();

	private static Path profiles;

	/**
	 * From now on every service runs under Java Flight Recorder's profiling settings; when one ends, its hottest
	 * methods ({@code jfr view hot-methods}) are printed and its recording is kept in {@code directory}.
	 */
	static void profileInto(Path directory) {
		profiles = directory;
	}

	private ServiceJar(Process process, int port, int managementPort, Path log, long launchedAt, Path recording) {
		this.recording = recording;
		this.process = process;
		this.port = port;
		this.managementPort = managementPort;
		this.log = log;
		this.launchedAt = launchedAt;
	}

	/**
	 * Starts a module's jar with the JVM flags of its container ({@link StartupBench#containerFlags()}) and answers
	 * once its API port answers. Its resident memory is sampled from then on ({@link #peakResidentMegabytes}).
	 */
	static ServiceJar start(String module, Map<String, String> properties) {
		ServiceJar service = launch(jar(module), StartupBench.containerFlags(), properties);
		service.awaitUp(Duration.ofSeconds(120));
		Thread.ofVirtual().start(() -> {
			while (service.process.isAlive()) {
				try {
					service.peakResident.accumulateAndGet(service.residentMegabytes(), Math::max);
				}
				catch (RuntimeException ex) {
					// Ended between the check and the read.
				}
				sleep(250);
			}
		});
		return service;
	}

	long pid() {
		return this.process.pid();
	}

	/** The most resident memory seen since {@link #start} answered, in MiB, sampled every 250 ms. */
	long peakResidentMegabytes() {
		return this.peakResident.get();
	}

	/** The jar {@code bench/run.sh} built for a module. */
	static Path jar(String module) {
		Path jar = checkout().resolve(module).resolve("target").resolve(module + ".jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: run bench/run.sh, which builds it");
		}
		return jar;
	}

	/** Starts {@code jar} with these JVM options and application properties, without waiting for it. */
	static ServiceJar launch(Path jar, List<String> jvmOptions, Map<String, String> properties) {
		int port = freePort();
		int managementPort = freePort();
		List<String> command = new ArrayList<>(List.of(java()));
		command.addAll(jvmOptions);
		Path recording = null;
		if (profiles != null) {
			recording = profiles.resolve(jar.getFileName() + "-" + System.nanoTime() + ".jfr");
			command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording);
		}
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port,
				"--management.server.port=" + managementPort));
		properties.forEach((key, value) -> command.add("--" + key + "=" + value));
		try {
			Path log = Files.createTempFile("skylog-bench-" + jar.getFileName(), ".log");
			long launchedAt = System.nanoTime();
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			ServiceJar service = new ServiceJar(process, port, managementPort, log, launchedAt, recording);
			Runtime.getRuntime().addShutdownHook(new Thread(service::close));
			return service;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String java() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	/** The Skylog checkout this runs in: from its root (bench/run.sh) or from bench/ (the smoke tests). */
	private static Path checkout() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("bench"))) {
				return dir;
			}
		}
		throw new IllegalStateException("run from inside the Skylog checkout");
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * Seconds from the launch until the readiness probe said UP: the context started, Flyway done, the database
	 * and the broker answering. A probe is asked every 20 ms, so the figure is at most that late.
	 */
	double secondsToReady(Duration timeout) {
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort
				+ "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build();
		long deadline = this.launchedAt + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("the service exited; see " + this.log);
			}
			try {
				if (client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return (System.nanoTime() - this.launchedAt) / 1e9;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			sleep(20);
		}
		throw new IllegalStateException("not ready within " + timeout + "; see " + this.log);
	}

	/** Its resident memory now, in MiB, as the kernel counts it (what a container's memory limit meets). */
	long residentMegabytes() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(this.process.pid()), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
				}
			}
			throw new IllegalStateException("no VmRSS for " + this.process.pid());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Waits for a run that ends by itself (an AOT training run); fails unless it exits with 0. */
	void awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || this.process.exitValue() != 0) {
				throw new IllegalStateException("the run did not end cleanly; see " + this.log);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void awaitUp(Duration timeout) {
		HttpClient client = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("the service exited; see " + this.log);
			}
			try {
				// Any answer from the API port means the application context is up.
				client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/")).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.discarding());
				return;
			}
			catch (IOException ex) {
				sleep(250);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new IllegalStateException("the service did not start within " + timeout + "; see " + this.log);
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.process.destroyForcibly();
			}
		}
		// Closed by its benchmark and again by the shutdown hook: the profile is printed once.
		if (this.recording != null && Files.isRegularFile(this.recording) && this.profilePrinted.compareAndSet(false, true)) {
			try {
				Process view = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jfr").toString(),
						"view", "--width", "200", "hot-methods", this.recording.toString())
					.redirectErrorStream(true)
					.start();
				String hot = new String(view.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				view.waitFor();
				System.out.printf("%nHot methods of %s (%s):%n%s%n", this.recording.getFileName(), this.recording, hot);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
