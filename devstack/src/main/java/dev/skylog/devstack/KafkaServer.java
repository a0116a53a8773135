package dev.skylog.devstack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A single-node Kafka broker (KRaft, broker and controller in one process) from the Kafka server jars on this
 * runner's class path: the same broker production runs, on loopback, keeping its data in {@code .devstack/kafka}
 * so the event log survives restarts of the stack like it would in a cluster.
 */
final class KafkaServer {

	// Logback's default is DEBUG for everything, which for a broker is megabytes a minute.
	private static final String LOGGING = """
			<configuration>
			  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
			    <encoder><pattern>%d{ISO8601} %-5level [%logger{20}] %msg%n</pattern></encoder>
			  </appender>
			  <root level="INFO"><appender-ref ref="OUT"/></root>
			  <logger name="org.apache.kafka" level="WARN"/>
			  <logger name="kafka" level="WARN"/>
			  <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
			</configuration>
			""";

	private KafkaServer() {
	}

	static ChildProcess start(Path home, int port, String javaCommand, String classPath) {
		Path dataDir = home.resolve("kafka").resolve("data");
		Path config = home.resolve("kafka").resolve("server.properties");
		Path logging = home.resolve("kafka").resolve("logback.xml");
		try {
			Files.createDirectories(dataDir);
			Files.writeString(config, properties(dataDir, port));
			Files.writeString(logging, LOGGING);
			if (!Files.exists(dataDir.resolve("meta.properties"))) {
				format(home, javaCommand, classPath, config);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> command = new java.util.ArrayList<>(List.of(javaCommand, "-Xmx512m"));
		command.addAll(DevStack.QUICK_START);
		command.addAll(List.of("-Dlogback.configurationFile=" + logging, "-cp", classPath, "kafka.Kafka",
				config.toString()));
		ChildProcess kafka = ChildProcess.start("kafka", command, home, Map.of(), home.resolve("logs").resolve("kafka.log"));
		Ports.awaitListening("kafka", kafka, "127.0.0.1", port, Duration.ofSeconds(60));
		return kafka;
	}

	private static void format(Path home, String javaCommand, String classPath, Path config) throws IOException {
		ChildProcess format = ChildProcess.start("kafka-storage-format",
				List.of(javaCommand, "-Dlogback.configurationFile=" + home.resolve("kafka").resolve("logback.xml"), "-cp",
						classPath, "kafka.tools.StorageTool", "format", "--standalone", "-t",
						clusterId(), "-c", config.toString()),
				home, Map.of(), home.resolve("logs").resolve("kafka-format.log"));
		if (!format.awaitExit(Duration.ofSeconds(60))) {
			format.stop();
			throw new IllegalStateException("formatting Kafka's storage took over 60 s; see " + format.log());
		}
		if (format.exitValue() != 0) {
			throw new IllegalStateException("formatting Kafka's storage failed; see " + format.log());
		}
	}

	// Kafka cluster ids are 16 random bytes in URL-safe base64 without padding.
	private static String clusterId() {
		UUID uuid = UUID.randomUUID();
		ByteBuffer bytes = ByteBuffer.allocate(16);
		bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
	}

	static String properties(Path dataDir, int port) {
		int controllerPort = port + 1;
		return """
				process.roles=broker,controller
				node.id=1
				controller.quorum.bootstrap.servers=127.0.0.1:%2$d
				listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
				advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
				controller.listener.names=CONTROLLER
				inter.broker.listener.name=PLAINTEXT
				listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
				log.dirs=%3$s
				num.partitions=1
				offsets.topic.replication.factor=1
				transaction.state.log.replication.factor=1
				transaction.state.log.min.isr=1
				group.initial.rebalance.delay.ms=0
				auto.create.topics.enable=false
				""".formatted(port, controllerPort, dataDir.toAbsolutePath());
	}

}
