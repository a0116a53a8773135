package dev.skylog.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local stack command run as a child process, the way a person runs it, for tests that need the whole
 * system: Kafka, the six services, the devnet. {@link #close()} stops it with SIGTERM (its shutdown hook stops
 * its children) and drops the databases it made.
 */
public final class RunningStack implements AutoCloseable {

	private static final Pattern STARTED = Pattern.compile("started [\\w-]+ \\(pid (\\d+)\\)");

	private static final Pattern UP = Pattern.compile("Skylog is up \\((\\d+) s\\)");

	private final Process process;

	private final Path output;

	private final Path home;

	private final String dbPrefix;

	private boolean stopped;

	private RunningStack(Process process, Path output, Path home, String dbPrefix) {
		this.process = process;
		this.output = output;
		this.home = home;
		this.dbPrefix = dbPrefix;
	}

	/**
	 * Starts {@code DevStack --devnet} from the given class path (which must hold the Kafka server's jars) in the
	 * checkout {@code root}, with databases {@code <dbPrefix>_auth, …}, and waits until it says it is up.
	 */
	public static RunningStack start(Path root, String classPath, String dbPrefix, Duration timeout) {
		return start(root, classPath, dbPrefix, timeout, Map.of());
	}

	/**
	 * As {@link #start(Path, String, String, Duration)}, with environment variables every service sees (a
	 * session signing key a test holds, say), and taking {@link #kill} and {@link #startAgain} commands.
	 */
	public static RunningStack start(Path root, String classPath, String dbPrefix, Duration timeout,
			Map<String, String> environment) {
		try {
			Path output = Files.createTempFile("devstack", ".out");
			Path home = Files.createTempDirectory("devstack-home");
			String java = ProcessHandle.current().info().command().orElse("java");
			ProcessBuilder builder = new ProcessBuilder(java, "-cp", classPath, DevStack.class.getName(), "--devnet",
					"--health-timeout=90", "--home=" + home, "--db-prefix=" + dbPrefix, "--commands-on-stdin")
				.directory(root.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile());
			builder.environment().putAll(environment);
			Process process = builder.start();
			RunningStack stack = new RunningStack(process, output, home, dbPrefix);
			long deadline = System.nanoTime() + timeout.toNanos();
			while (!stack.printed().contains("Skylog is up") && process.isAlive() && System.nanoTime() < deadline) {
				Thread.sleep(500);
			}
			return stack;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public boolean isUp() {
		return this.process.isAlive() && printed().contains("Skylog is up");
	}

	/** What the stack printed so far. */
	public String printed() {
		try {
			return Files.readString(this.output, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Seconds from start to every service UP, as the stack reported it. */
	public Optional<Long> secondsToUp() {
		Matcher matcher = UP.matcher(printed());
		return matcher.find() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
	}

	/** The processes it announced it started: Kafka, the devnet and the six services. */
	public List<Long> childPids() {
		Matcher matcher = STARTED.matcher(printed());
		List<Long> pids = new ArrayList<>();
		while (matcher.find()) {
			pids.add(Long.parseLong(matcher.group(1)));
		}
		return pids;
	}

	/** Where Kafka's data, the services' logs and a test's own files go. */
	public Path home() {
		return this.home;
	}

	public String database(String suffix) {
		return this.dbPrefix + "_" + suffix;
	}

	/** Stops it as Ctrl-C would; returns its exit code. Children it failed to stop are killed. */
	public int stop() {
		if (!this.stopped) {
			this.stopped = true;
			try {
				this.process.destroy();
				if (!this.process.waitFor(90, TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return this.process.exitValue();
	}

	/** Ends a service (or {@code kafka}) with SIGKILL, as a crash would: no graceful shutdown, no last commit. */
	public void kill(String name) {
		int before = count("devstack: killed " + name);
		command("kill " + name);
		awaitPrinted("killed " + name, () -> count("devstack: killed " + name) > before);
	}

	/** Stops a service (or {@code kafka}) with SIGTERM, as a rolling restart would, and waits until it is gone. */
	public void stop(String name) {
		int before = count("devstack: stopped " + name);
		command("stop " + name);
		awaitPrinted("stopped " + name, () -> count("devstack: stopped " + name) > before);
	}

	/** Starts a service again and waits until it reports UP; {@code kafka} until it listens. */
	public void startAgain(String name) {
		int before = count("devstack: started " + name + " (pid");
		int runningBefore = count(name + " is running already");
		command("start " + name);
		Service service = Service.ALL.stream().filter((s) -> s.module().equals(name)).findFirst().orElse(null);
		if (service == null) {
			awaitPrinted(name + " started again", () -> count("devstack: started " + name + " (pid") > before
					|| count(name + " is running already") > runningBefore);
			return;
		}
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		awaitPrinted(name + " UP again", () -> DevStack.isUp(http, service));
	}

	private void command(String line) {
		try {
			this.process.outputWriter(StandardCharsets.UTF_8).append(line).append('\n').flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private int count(String text) {
		return printed().split(Pattern.quote(text), -1).length - 1;
	}

	private void awaitPrinted(String what, java.util.function.BooleanSupplier done) {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (!done.getAsBoolean()) {
			if (System.nanoTime() > deadline || !this.process.isAlive()) {
				throw new IllegalStateException("not " + what + ":\n" + printed());
			}
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	/** Children still alive (after {@link #stop()}: the ones it failed to stop). */
	public List<ProcessHandle> survivors() {
		return childPids().stream().map(ProcessHandle::of).flatMap(Optional::stream).filter(ProcessHandle::isAlive).toList();
	}

	@Override
	public void close() throws Exception {
		stop();
		survivors().forEach(ProcessHandle::destroyForcibly);
		try (var connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
				var statement = connection.createStatement()) {
			for (String suffix : List.of("auth", "scheduler", "archive", "stats")) {
				statement.execute("DROP DATABASE IF EXISTS " + database(suffix) + " WITH (FORCE)");
			}
		}
	}

}
