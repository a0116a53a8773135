package dev.skylog.devstack;

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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the whole of Skylog on this machine: a Kafka broker, the six services from their built jars on their
 * fixed ports, the local PostgreSQL for their databases and, with {@code --devnet}, the AT Protocol reference
 * network with demo accounts. Ctrl-C stops everything it started.
 *
 * <pre>
 * java -jar devstack/target/devstack.jar [--devnet] [--kafka-port=9092] [--health-timeout=90] [--home=.devstack]
 * </pre>
 */
public final class DevStack {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String KAFKA = "kafka";

	private static final String DEVNET_PDS = "http://localhost:2583";

	private static final String DEVNET_APPVIEW = "http://localhost:2584";

	/**
	 * JVM settings for seven JVMs starting at once on a laptop (or two cores): start-up is all CPU, so the C1
	 * compiler only, the single-threaded collector, and no bytecode verification of the class path (this build's
	 * jars and Maven Central's). For a developer's machine only: the container images use none of this.
	 */
	static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
			"-XX:+UnlockDiagnosticVMOptions", "-XX:-BytecodeVerificationRemote");

	private final Path root;

	private final Path home;

	private final Options options;

	private final List<ChildProcess> started = Collections.synchronizedList(new ArrayList<>());

	private volatile boolean stopping;

	private final LocalPostgres postgres = new LocalPostgres("127.0.0.1", 5432, "postgres", "");

	private volatile JsonNode devnet;

	private DevStack(Path root, Options options) {
		this.root = root;
		this.home = (options.home() != null) ? options.home().toAbsolutePath() : root.resolve(".devstack");
		this.options = options;
	}

	public static void main(String[] args) {
		Options options = Options.parse(args);
		DevStack stack = new DevStack(locateRoot(), options);
		Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "devstack-stop"));
		try {
			stack.start();
		}
		catch (RuntimeException ex) {
			System.err.println("devstack: " + ex.getMessage());
			System.exit(1);
		}
		if (options.exitWhenUp()) {
			System.exit(0);
		}
		if (options.commandsOnStdin()) {
			Thread.ofPlatform().daemon().name("devstack-commands").start(stack::takeCommands);
		}
		try {
			Thread.currentThread().join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	void start() {
		long begin = System.nanoTime();
		String java = javaCommand();
		String classPath = ownClassPath();
		for (Service service : Service.ALL) {
			Ports.requireFree(service.module(), service.port());
			Ports.requireFree(service.module() + " actuator", service.managementPort());
		}
		Ports.requireFree("kafka", this.options.kafkaPort());
		Ports.requireFree("kafka controller", this.options.kafkaPort() + 1);
		if (this.options.devnet()) {
			for (int port : new int[] { 2582, 2583, 2584, 2587, 2589 }) {
				Ports.requireFree("devnet", port);
			}
		}

		Service.ALL.stream()
			.filter((s) -> s.database() != null)
			.forEach((s) -> this.postgres.ensureDatabase(s.databaseName(this.options.dbPrefix())));

		// The broker and the devnet need nothing of each other: started side by side, the devnet's single Node
		// thread leaves the second core to the broker.
		CompletableFuture<JsonNode> devnetUp = CompletableFuture.completedFuture(null);
		if (this.options.devnet()) {
			log("starting the AT Protocol devnet (PLC, PDS, AppView) with demo accounts");
			devnetUp = CompletableFuture.supplyAsync(this::startDevnet,
					(task) -> Thread.ofPlatform().name("devnet-start").start(task));
		}
		log("starting Kafka on 127.0.0.1:%d", this.options.kafkaPort());
		track(KafkaServer.start(this.home, this.options.kafkaPort(), java, classPath));
		// What needs only Kafka and PostgreSQL starts now; auth-service is told where the devnet is, once it is up.
		List<Service> devnetUsers = Service.ALL.stream()
			.filter((s) -> this.options.devnet() && s.module().equals("auth-service"))
			.toList();
		for (Service service : Service.ALL) {
			if (!devnetUsers.contains(service)) {
				track(launch(service, false));
			}
		}
		try {
			this.devnet = devnetUp.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
		for (Service service : devnetUsers) {
			track(launch(service, false));
		}

		awaitHealthy(Duration.ofSeconds(this.options.healthTimeoutSeconds()));
		long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin);
		printWhereToGo(seconds, this.devnet);
	}

	private ChildProcess launch(Service service, boolean again) {
		String bootstrap = "127.0.0.1:" + this.options.kafkaPort();
		JsonNode devnet = this.devnet;
		String java = javaCommand();
		Path jar = this.root.resolve(service.module()).resolve("target").resolve(service.module() + ".jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests package)");
		}
		Map<String, String> env = new HashMap<>();
		env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrap);
		env.put("SERVER_PORT", Integer.toString(service.port()));
		env.put("MANAGEMENT_SERVER_PORT", Integer.toString(service.managementPort()));
		// Loopback only: auth-service's internal token API must never be reachable from the network.
		env.put("SERVER_ADDRESS", "127.0.0.1");
		env.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
		// The local stack runs on the development secrets application.yml ships; production refuses them.
		env.put("SKYLOG_AUTH_ALLOWDEVELOPMENTSECRETS", "true");
		if (devnet != null && service.module().equals("auth-service")) {
			// Devnet handles resolve through its own PLC and PDS, not bsky.social, DNS or .well-known.
			env.put("SKYLOG_AUTH_IDENTITY_ENTRYWAY", devnet.path("pdsUrl").asString());
			env.put("SKYLOG_AUTH_IDENTITY_PLCDIRECTORY", devnet.path("plcUrl").asString());
			env.put("SKYLOG_AUTH_IDENTITY_DNSTXT", "false");
			env.put("SKYLOG_AUTH_IDENTITY_HTTPSWELLKNOWN", "false");
			// The devnet's PDS is http://localhost: exactly what production refuses to send a password to.
			env.put("SKYLOG_AUTH_IDENTITY_ALLOWPRIVATEPDS", "true");
			// The first demo account administers the local stack: invitation codes, the stats rebuild.
			env.put("SKYLOG_AUTH_REGISTRATION_ADMINS", devnet.path("accounts").path(0).path("did").asString());
		}
		if (this.options.devnet() && service.module().equals("gateway")) {
			// Avatars and images of devnet accounts come from its PDS and AppView over plain http, on the ports the
			// launcher uses by default (and this runner requires free): the gateway need not wait for the devnet.
			env.put("SKYLOG_GATEWAY_EXTRAIMAGESOURCES", DEVNET_PDS + "," + DEVNET_APPVIEW);
		}
		if (service.database() != null) {
			String database = service.databaseName(this.options.dbPrefix());
			env.put("SPRING_R2DBC_URL", this.postgres.r2dbcUrl(database));
			env.put("SPRING_FLYWAY_URL", this.postgres.jdbcUrl(database));
		}
		List<String> command = new ArrayList<>(List.of(java));
		command.addAll(QUICK_START);
		command.addAll(List.of("-Xss512k", "-XX:MaxRAM=1g", "-jar", jar.toString()));
		Path log = this.home.resolve("logs").resolve(service.module() + ".log");
		// A service started again writes on after what it logged before it was killed.
		return again ? ChildProcess.startAppending(service.module(), command, this.root, env, log)
				: ChildProcess.start(service.module(), command, this.root, env, log);
	}

	/**
	 * Fault tests drive the running stack through standard input: {@code kill <name>} ends a service or the broker
	 * with SIGKILL (no graceful shutdown, no offset commit, as a crashed pod), {@code stop <name>} with SIGTERM (as
	 * a rolling restart), {@code start <name>} starts it again. Names: the services' modules and {@code kafka}.
	 */
	private void takeCommands() {
		try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
				java.nio.charset.StandardCharsets.UTF_8))) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				String[] command = line.trim().split("\\s+");
				String name = (command.length == 2) ? command[1] : "";
				Service service = Service.ALL.stream().filter((s) -> s.module().equals(name)).findFirst().orElse(null);
				if ((service == null && !name.equals(KAFKA)) || this.stopping) {
					log("unknown command: %s (kill|stop|start <module>|kafka)", line);
					continue;
				}
				List<ChildProcess> running;
				synchronized (this.started) {
					running = this.started.stream().filter((p) -> p.name().equals(name) && p.isAlive()).toList();
				}
				switch (command[0]) {
					case "kill", "stop" -> {
						running.forEach(command[0].equals("kill") ? ChildProcess::kill : ChildProcess::stop);
						log("%s %s", command[0].equals("kill") ? "killed" : "stopped", name);
					}
					// A second one would only fail on the taken ports.
					case "start" -> {
						if (!running.isEmpty()) {
							log("%s is running already", name);
						}
						else {
							track((service != null) ? launch(service, true)
									: KafkaServer.start(this.home, this.options.kafkaPort(), javaCommand(), ownClassPath()));
						}
					}
					default -> log("unknown command: %s (kill|stop|start <module>|kafka)", line);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			log("commands: %s", ex.getMessage());
		}
	}

	private JsonNode startDevnet() {
		Path dir = this.root.resolve("devnet");
		if (!Files.isDirectory(dir.resolve("node_modules"))) {
			throw new IllegalStateException("devnet/node_modules is missing: run (cd devnet && npm ci) first");
		}
		try {
			Path log = this.home.resolve("logs").resolve("devnet.log");
			Files.createDirectories(log.getParent());
			ProcessBuilder builder = new ProcessBuilder("node", "launcher.mjs").directory(dir.toFile())
				.redirectError(ProcessBuilder.Redirect.to(log.toFile()));
			builder.environment().put("DEVNET_DB", "skylog_devnet");
			builder.environment().put("DEVNET_EXIT_ON_STDIN_EOF", "1");
			Process process = builder.start();
			track(ChildProcess.adopt("devnet", process, log));
			BufferedReader stdout = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
			String line = CompletableFuture.supplyAsync(() -> {
				try {
					return stdout.readLine();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}).get(180, TimeUnit.SECONDS);
			if (line == null) {
				throw new IllegalStateException("the devnet exited; see " + log);
			}
			// Nothing more is expected on stdout, but a full pipe would block the devnet.
			Thread.ofVirtual().name("devnet-stdout").start(() -> stdout.lines().forEach((ignored) -> {
			}));
			return json.readTree(line);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("the devnet did not start: " + ex.getMessage(), ex);
		}
	}

	private void awaitHealthy(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<Service> pending = new ArrayList<>(Service.ALL);
		try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
			while (!pending.isEmpty()) {
				List<ChildProcess> running;
				synchronized (this.started) {
					running = List.copyOf(this.started);
				}
				for (ChildProcess process : running) {
					if (!process.isAlive()) {
						throw new IllegalStateException(process.name() + " exited; see " + process.log());
					}
				}
				pending.removeIf((service) -> isUp(http, service));
				if (pending.isEmpty()) {
					return;
				}
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("not UP after " + timeout.toSeconds() + " s: "
							+ pending.stream().map(Service::module).toList() + "; see " + this.home.resolve("logs"));
				}
				Ports.sleep(Duration.ofMillis(500));
			}
		}
	}

	static boolean isUp(HttpClient http, Service service) {
		try {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create(service.managementUrl() + "/actuator/health"))
						.timeout(Duration.ofSeconds(2))
						.build(),
					HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && response.body().contains("\"UP\"");
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void printWhereToGo(long seconds, JsonNode devnet) {
		StringBuilder out = new StringBuilder();
		out.append("\nSkylog is up (").append(seconds).append(" s). Ctrl-C stops everything.\n\n");
		out.append("  Web UI and REST API   http://localhost:8080   (the gateway: the only public entry)\n");
		for (Service service : Service.ALL) {
			out.append(String.format("  %-20s  API %s   health %s/actuator/health%n", service.module(),
					service.baseUrl(), service.managementUrl()));
		}
		out.append(String.format("  %-20s  127.0.0.1:%d%n", "Kafka", this.options.kafkaPort()));
		out.append("  PostgreSQL            127.0.0.1:5432 (databases ")
			.append(String.join(", ", Service.ALL.stream()
				.filter((s) -> s.database() != null)
				.map((s) -> s.databaseName(this.options.dbPrefix()))
				.toList()))
			.append(")\n");
		out.append("  Logs                  ").append(this.home.resolve("logs")).append('\n');
		if (devnet != null) {
			out.append("\n  Bluesky PDS (devnet)  ").append(devnet.path("pdsUrl").asString()).append('\n');
			out.append("  Bluesky AppView       ").append(devnet.path("appviewUrl").asString()).append('\n');
			boolean first = true;
			for (JsonNode account : devnet.path("accounts")) {
				out.append("  demo account          ")
					.append(account.path("handle").asString())
					.append(" / ")
					.append(account.path("password").asString())
					.append(first ? "   (an administrator)" : "")
					.append('\n');
				first = false;
			}
		}
		System.out.println(out);
	}

	/**
	 * Records a started child; refuses (and stops it) when the stack is already stopping, so a child launched
	 * while Ctrl-C is handled is not orphaned.
	 */
	private void track(ChildProcess child) {
		synchronized (this.started) {
			if (!this.stopping) {
				this.started.add(child);
				log("started %s (pid %d)", child.name(), child.pid());
				return;
			}
		}
		child.stop();
		throw new IllegalStateException("stopping");
	}

	void stop() {
		List<ChildProcess> reverse;
		synchronized (this.started) {
			this.stopping = true;
			reverse = new ArrayList<>(this.started);
		}
		Collections.reverse(reverse);
		if (!reverse.isEmpty()) {
			log("stopping %d processes", reverse.size());
		}
		// Services first, in parallel (each takes its graceful-shutdown time), then the devnet and Kafka.
		List<ChildProcess> services = reverse.stream().filter((p) -> isService(p.name())).toList();
		services.parallelStream().forEach(ChildProcess::stop);
		reverse.stream().filter((p) -> !isService(p.name())).forEach(ChildProcess::stop);
		this.started.clear();
	}

	private static boolean isService(String name) {
		return Service.ALL.stream().anyMatch((s) -> s.module().equals(name));
	}

	private static String javaCommand() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	// java -jar reports only the jar as java.class.path; the Kafka server needs the jars its manifest names too.
	private static String ownClassPath() {
		String classPath = System.getProperty("java.class.path");
		if (classPath.contains(java.io.File.pathSeparator)) {
			// Started with -cp (a test): the class path already names every jar.
			return classPath;
		}
		try {
			Path self = Path.of(DevStack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			if (Files.isRegularFile(self)) {
				return self + java.io.File.pathSeparator + self.resolveSibling("lib").resolve("*");
			}
			return System.getProperty("java.class.path");
		}
		catch (java.net.URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Path locateRoot() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("devstack"))) {
				return dir;
			}
		}
		throw new IllegalStateException("run from inside the Skylog checkout");
	}

	private static void log(String format, Object... args) {
		System.out.println("devstack: " + String.format(format, args));
	}

	/**
	 * @param exitWhenUp stop everything again once all services are UP (for scripted checks)
	 * @param home where Kafka's data and the logs go ({@code .devstack} in the checkout by default)
	 * @param dbPrefix the services' databases are {@code <prefix>_auth}, {@code <prefix>_archive}, …
	 * @param commandsOnStdin take {@code kill <module>} and {@code start <module>} on standard input, one per line
	 * (fault tests: a service killed with SIGKILL and started again)
	 */
	record Options(boolean devnet, int kafkaPort, int healthTimeoutSeconds, boolean exitWhenUp, Path home,
			String dbPrefix, boolean commandsOnStdin) {

		static Options parse(String[] args) {
			boolean devnet = false;
			boolean exitWhenUp = false;
			Path home = null;
			String dbPrefix = "skylog";
			int kafkaPort = 9092;
			int timeout = 90;
			boolean commandsOnStdin = false;
			for (String arg : args) {
				if (arg.equals("--devnet")) {
					devnet = true;
				}
				else if (arg.equals("--exit-when-up")) {
					exitWhenUp = true;
				}
				else if (arg.equals("--commands-on-stdin")) {
					commandsOnStdin = true;
				}
				else if (arg.startsWith("--kafka-port=")) {
					kafkaPort = Integer.parseInt(arg.substring("--kafka-port=".length()));
				}
				else if (arg.startsWith("--db-prefix=") && arg.matches("--db-prefix=[a-z_][a-z0-9_]{0,40}")) {
					dbPrefix = arg.substring("--db-prefix=".length());
				}
				else if (arg.startsWith("--home=")) {
					home = Path.of(arg.substring("--home=".length()));
				}
				else if (arg.startsWith("--health-timeout=")) {
					timeout = Integer.parseInt(arg.substring("--health-timeout=".length()));
				}
				else {
					throw new IllegalArgumentException("unknown option " + arg
							+ " (options: --devnet --kafka-port=N --health-timeout=SECONDS --home=DIR --db-prefix=NAME --exit-when-up --commands-on-stdin)");
				}
			}
			return new Options(devnet, kafkaPort, timeout, exitWhenUp, home, dbPrefix, commandsOnStdin);
		}

	}

}
