package dev.skylog.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One Skylog service from its built jar, as production runs it, on free loopback ports. */
final class ServiceJar implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Path log;

	private ServiceJar(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	static ServiceJar start(String module, Map<String, String> properties) {
		Path root = checkout();
		Path jar = root.resolve(module).resolve("target").resolve(module + ".jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: run bench/run.sh, which builds it");
		}
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Xmx1g", "-jar", jar.toString(), "--server.port=" + port, "--management.server.port=" + freePort()));
		properties.forEach((key, value) -> command.add("--" + key + "=" + value));
		try {
			Path log = Files.createTempFile("skylog-bench-" + module, ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			ServiceJar service = new ServiceJar(process, port, log);
			Runtime.getRuntime().addShutdownHook(new Thread(service::close));
			service.awaitUp(Duration.ofSeconds(120));
			return service;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
