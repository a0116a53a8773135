package dev.skylog.testkit.devnet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A running AT Protocol reference network (PLC, PDS and AppView from {@code @atproto/dev-env}), started
 * through the project's launcher {@code devnet/launcher.mjs} on loopback with random ports and a database of
 * its own. Closing it stops the Node process and everything it started.
 *
 * <p>The launcher exits by itself when its standard input closes, so even a test JVM that is killed leaves no
 * devnet behind.
 */
public final class Devnet implements AutoCloseable {

	public static final String DIR_PROPERTY = "skylog.devnet.dir";

	private static final Logger logger = LoggerFactory.getLogger(Devnet.class);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Process process;

	private final DevnetInfo info;

	private final Path log;

	private Devnet(Process process, DevnetInfo info, Path log) {
		this.process = process;
		this.info = info;
		this.log = log;
	}

	private static Devnet shared;

	public static Devnet start() {
		return start(Map.of());
	}

	/**
	 * The devnet the whole test JVM shares (for {@code @DynamicPropertySource}, which runs before JUnit hands
	 * out parameters), stopped when the JVM ends.
	 */
	public static synchronized Devnet shared() {
		if (shared == null || !shared.isAlive()) {
			Devnet devnet = start();
			Runtime.getRuntime().addShutdownHook(new Thread(devnet::close, "devnet-stop"));
			shared = devnet;
		}
		return shared;
	}

	/**
	 * Starts a devnet; {@code environment} adds launcher settings such as {@code DEVNET_RATE_LIMITS=1}. The
	 * launcher picks free ports before the servers bind them, so another process can take one in between: such
	 * a start is tried again.
	 */
	public static Devnet start(Map<String, String> environment) {
		for (int attempt = 1;; attempt++) {
			try {
				return startOnce(environment);
			}
			catch (IllegalStateException ex) {
				if (attempt >= 3 || ex.getMessage() == null || !ex.getMessage().contains("EADDRINUSE")) {
					throw ex;
				}
				logger.warn("Devnet lost a port to another process while starting; trying again");
			}
		}
	}

	private static Devnet startOnce(Map<String, String> environment) {
		Path dir = locateLauncherDirectory();
		Path log = dir.resolve("tmp").resolve("devnet-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".log");
		try {
			Files.createDirectories(log.getParent());
			ProcessBuilder builder = new ProcessBuilder("node", "launcher.mjs").directory(dir.toFile())
				.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
			Map<String, String> env = builder.environment();
			env.put("DEVNET_PLC_PORT", "0");
			env.put("DEVNET_PDS_PORT", "0");
			env.put("DEVNET_APPVIEW_PORT", "0");
			env.put("DEVNET_OZONE_PORT", "0");
			env.put("DEVNET_CONTROL_PORT", "0");
			env.put("DEVNET_DB", "skylog_devnet_test_" + ProcessHandle.current().pid() + "_" + (System.nanoTime() % 100000));
			env.put("DEVNET_EXIT_ON_STDIN_EOF", "1");
			// The devnet lives on the same PostgreSQL server as the rest of the tests.
			env.put("DEVNET_PG_URL", dev.skylog.testkit.postgres.TestPostgres.server().adminUrl());
			env.putAll(environment);
			Process process = builder.start();
			DevnetInfo info;
			try {
				info = readInfo(process, log);
			}
			catch (RuntimeException ex) {
				stop(process);
				throw ex;
			}
			logger.info("Devnet up: PDS {} AppView {} (pid {}, log {})", info.pdsUrl(), info.appviewUrl(),
					info.pid(), log);
			return new Devnet(process, info, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the devnet in " + dir, ex);
		}
	}

	public DevnetInfo info() {
		return this.info;
	}

	public Path log() {
		return this.log;
	}

	/** Blocks until the AppView has indexed everything the PDS has accepted so far. */
	public void processAll() {
		processAll(this.info.controlUrl());
	}

	/** The same, for a devnet this JVM did not start (the local stack's), by its control URL. */
	public static void processAll(String controlUrl) {
		// HTTP/1.1: Node servers of the devnet drop the h2c upgrade Java's client tries by default.
		try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create(controlUrl + "/processAll"))
						.POST(HttpRequest.BodyPublishers.noBody())
						.timeout(Duration.ofSeconds(60))
						.build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("processAll answered " + response.statusCode() + ": " + response.body());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	@Override
	public void close() {
		stop(this.process);
		if (this.process.exitValue() == 0) {
			try {
				Files.deleteIfExists(this.log);
			}
			catch (IOException ex) {
				// Only a log file.
			}
		}
	}

	private static void stop(Process process) {
		List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
		try {
			process.getOutputStream().close();
		}
		catch (IOException ex) {
			// Already closed; SIGTERM below still stops it.
		}
		process.destroy();
		try {
			if (!process.waitFor(15, TimeUnit.SECONDS)) {
				logger.warn("Devnet did not stop within 15 s; killing it");
				process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
	}

	private static DevnetInfo readInfo(Process process, Path log) {
		BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
			try {
				return stdout.readLine();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		String line;
		try {
			line = firstLine.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Devnet not ready within " + START_TIMEOUT + "; see " + log, ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Devnet output unreadable; see " + log, ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		if (line == null) {
			throw new IllegalStateException("Devnet exited before it was ready; see " + log + ":\n" + tail(log));
		}
		// Later stdout lines are not expected, but a full pipe would block the launcher.
		Thread.ofVirtual().name("devnet-stdout").start(() -> drain(stdout));
		return parse(line);
	}

	static DevnetInfo parse(String line) {
		JsonNode node = json.readTree(line);
		List<DevnetInfo.Account> accounts = new ArrayList<>();
		for (JsonNode account : node.path("accounts")) {
			accounts.add(new DevnetInfo.Account(account.path("handle").asString(), account.path("did").asString(),
					account.path("password").asString(), account.path("email").asString()));
		}
		return new DevnetInfo(node.path("pid").asLong(), node.path("pdsUrl").asString(),
				node.path("appviewUrl").asString(), node.path("appviewDid").asString(), node.path("plcUrl").asString(),
				node.path("controlUrl").asString(), node.path("database").asString(), List.copyOf(accounts),
				node.path("seed"));
	}

	private static void drain(BufferedReader reader) {
		try {
			while (reader.readLine() != null) {
				// discard
			}
		}
		catch (IOException ex) {
			// The process ended.
		}
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException ex) {
			return "(no log)";
		}
	}

	static Path locateLauncherDirectory() {
		String configured = System.getProperty(DIR_PROPERTY);
		if (configured != null && Files.isRegularFile(Path.of(configured, "launcher.mjs"))) {
			return Path.of(configured).toAbsolutePath();
		}
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("devnet").resolve("launcher.mjs"))) {
				return dir.resolve("devnet");
			}
		}
		throw new IllegalStateException("devnet/launcher.mjs not found; set -D" + DIR_PROPERTY);
	}

}
