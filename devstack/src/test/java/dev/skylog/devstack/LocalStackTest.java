package dev.skylog.devstack;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack command, as a newcomer runs it: a real Kafka broker, the six services from the jars this
 * build just packaged and the devnet all come up, every service reports UP within 90 s, and nothing is left
 * running afterwards. (Maven builds this module after the services, so their jars exist.)
 */
class LocalStackTest {

	// Its own databases, so the test neither sees nor changes a developer's local stack data.
	static final String DB_PREFIX = "skylog_stacktest";

	@org.junit.jupiter.api.AfterAll
	static void dropDatabases() throws Exception {
		try (var connection = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres",
				"postgres", ""); var statement = connection.createStatement()) {
			for (String suffix : List.of("auth", "scheduler", "archive", "stats")) {
				statement.execute("DROP DATABASE IF EXISTS " + DB_PREFIX + "_" + suffix + " WITH (FORCE)");
			}
		}
	}

	@Test
	void theWholeStackComesUpWithin90SecondsAndStopsCleanly() throws Exception {
		Path root = Path.of("").toAbsolutePath().getParent();
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		String java = ProcessHandle.current().info().command().orElse("java");
		Path output = Files.createTempFile("devstack", ".out");
		Path home = Files.createTempDirectory("devstack-home");
		Process stack = new ProcessBuilder(java, "-cp", classPath, DevStack.class.getName(), "--devnet",
				"--health-timeout=90", "--exit-when-up", "--home=" + home, "--db-prefix=" + DB_PREFIX)
			.directory(root.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		boolean finished;
		try {
			finished = stack.waitFor(240, TimeUnit.SECONDS);
		}
		finally {
			// SIGTERM, not SIGKILL: the stack's shutdown hook is what stops its children.
			stack.destroy();
			stack.waitFor(60, TimeUnit.SECONDS);
		}
		String printed = Files.readString(output, StandardCharsets.UTF_8);
		List<ProcessHandle> children = childPids(printed).stream().map(ProcessHandle::of)
			.flatMap(Optional::stream).toList();
		children.forEach(ProcessHandle::destroyForcibly);
		assertThat(finished).as(printed).isTrue();

		assertThat(stack.exitValue()).as(printed).isZero();
		assertThat(printed).contains("Skylog is up", "http://localhost:8080", "alice.test / alice-password");
		assertThat(secondsToUp(printed)).isLessThanOrEqualTo(90);
		assertThat(childPids(printed)).as("children announced").hasSize(8);
		assertThat(children).as("children still running after the stack stopped").isEmpty();
		for (int port : new int[] { 8080, 8081, 8082, 8083, 8084, 8085, 9080, 9081, 9085, 9092, 2583 }) {
			assertThat(Ports.listening("127.0.0.1", port)).as("port %d still open", port).isFalse();
		}
		assertThat(classPath).contains("kafka_2.13").contains(File.pathSeparator);
	}

	@Test
	void optionsAreParsedAndUnknownOnesRefused() {
		assertThat(DevStack.Options.parse(new String[] { "--devnet", "--kafka-port=19092" }))
			.isEqualTo(new DevStack.Options(true, 19092, 90, false, null, "skylog"));
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> DevStack.Options.parse(new String[] { "--devnett" }))
			.withMessageContaining("--devnet");
	}

	@Test
	void theBrokerListensOnLoopbackOnly() {
		String properties = KafkaServer.properties(Path.of("/tmp/data"), 9092);

		assertThat(properties).contains("listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
			.contains("auto.create.topics.enable=false");
	}

	private static List<Long> childPids(String printed) {
		var matcher = java.util.regex.Pattern.compile("started [\\w-]+ \\(pid (\\d+)\\)").matcher(printed);
		List<Long> pids = new java.util.ArrayList<>();
		while (matcher.find()) {
			pids.add(Long.parseLong(matcher.group(1)));
		}
		return pids;
	}

	private static long secondsToUp(String printed) {
		var matcher = java.util.regex.Pattern.compile("Skylog is up \\((\\d+) s\\)").matcher(printed);
		assertThat(matcher.find()).isTrue();
		return Long.parseLong(matcher.group(1));
	}

}
