package dev.skylog.testkit.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One real Kafka broker per test JVM, shared by every test class: a Testcontainers broker where a Docker
 * engine answers, otherwise spring-kafka-test's in-process KRaft broker (the same broker code, without
 * Docker; what runs on the CI machines), or the broker named by {@code SKYLOG_TEST_KAFKA_BOOTSTRAP_SERVERS}.
 * Tests isolate themselves by topic and consumer group names, not by brokers: a broker starts in under a
 * second, but a Spring context per broker would not be cached.
 */
public final class TestKafka {

	public static final String BOOTSTRAP_SERVERS_ENV = "SKYLOG_TEST_KAFKA_BOOTSTRAP_SERVERS";

	static final String KAFKA_IMAGE = "apache/kafka:4.1.2";

	private static final Logger logger = LoggerFactory.getLogger(TestKafka.class);

	private static KafkaBroker broker;

	private TestKafka() {
	}

	public static synchronized KafkaBroker broker() {
		if (broker == null) {
			broker = start();
			logger.info("Kafka for tests: {} at {}", broker.kind(), broker.bootstrapServers());
		}
		return broker;
	}

	/** Points Spring Boot's Kafka clients at the shared broker. */
	public static void registerProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> broker().bootstrapServers());
	}

	/**
	 * Reads {@code topic} from the beginning until {@code expected} records with the given key have arrived, or
	 * {@code timeout} passed; answers what arrived. Values as JSON text.
	 */
	public static List<ConsumerRecord<String, String>> records(String topic, String key, int expected,
			Duration timeout) {
		try (var consumer = new KafkaConsumer<String, String>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker().bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			List<ConsumerRecord<String, String>> matching = new ArrayList<>();
			long deadline = System.nanoTime() + timeout.toNanos();
			while (matching.size() < expected && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
					if (key.equals(record.key())) {
						matching.add(record);
					}
				}
			}
			return matching;
		}
	}

	private static KafkaBroker start() {
		String external = System.getenv(BOOTSTRAP_SERVERS_ENV);
		if (external != null && !external.isBlank()) {
			return new KafkaBroker(external, "external");
		}
		if (dockerAvailable()) {
			KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
			container.start();
			Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-kafka-stop"));
			return new KafkaBroker(container.getBootstrapServers(), "testcontainers");
		}
		EmbeddedKafkaKraftBroker embedded = new EmbeddedKafkaKraftBroker(1, 1);
		// Consumer groups of a single broker cannot use the default replication factor of 3.
		embedded.brokerProperty("offsets.topic.replication.factor", "1");
		embedded.brokerProperty("transaction.state.log.replication.factor", "1");
		embedded.brokerProperty("transaction.state.log.min.isr", "1");
		embedded.brokerProperty("group.initial.rebalance.delay.ms", "0");
		// No shutdown hook: the broker lives in this JVM and ends with it, and the test kit's own hook already
		// deletes its log directory (stopping it as well only races that deletion).
		embedded.afterPropertiesSet();
		return new KafkaBroker(embedded.getBrokersAsString(), "embedded-kraft");
	}

	static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
