package dev.skylog.events.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.skylog.events.EventMetadata;
import dev.skylog.events.Topics;
import dev.skylog.events.post.PostDeleted;
import dev.skylog.events.post.PostEvent;
import dev.skylog.testkit.kafka.TestKafka;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record no consumer can read (not JSON, or an event that does not belong on the topic) goes to the topic's
 * dead-letter topic with the reason in its headers, and the listener goes on with the next record.
 */
@SpringBootTest(classes = DeadLetterTests.PostsListenerApp.class,
		properties = { "spring.kafka.consumer.auto-offset-reset=earliest", "skylog.kafka.retry-interval=10ms" })
class DeadLetterTests {

	static final java.util.concurrent.atomic.AtomicInteger ATTEMPTS = new java.util.concurrent.atomic.AtomicInteger();

	static final String GROUP = "dead-letter-test-" + UUID.randomUUID();

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		TestKafka.registerProperties(registry);
		registry.add("spring.kafka.consumer.group-id", () -> GROUP);
	}

	@Autowired
	EventPublisher publisher;

	@Autowired
	BlockingQueue<PostEvent> received;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	@Test
	void aNonJsonRecordIsDeadLetteredWithItsReasonAndTheListenerKeepsGoing() throws Exception {
		String did = "did:plc:" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
		byte[] garbage = "this is not JSON {".getBytes(StandardCharsets.UTF_8);
		byte[] wrongTopic = ("{\"type\":\"AccountDeleted\",\"eventId\":\"" + UUID.randomUUID()
				+ "\",\"schemaVersion\":1,\"occurredAt\":\"2026-11-28T10:00:00Z\",\"did\":\"" + did
				+ "\",\"reason\":\"ADMIN\"}")
			.getBytes(StandardCharsets.UTF_8);
		try (var producer = new KafkaProducer<byte[], byte[]>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.broker().bootstrapServers()),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(Topics.POSTS.name(), did.getBytes(StandardCharsets.UTF_8), garbage)).get();
			producer.send(new ProducerRecord<>(Topics.POSTS.name(), did.getBytes(StandardCharsets.UTF_8), wrongTopic))
				.get();
		}
		PostDeleted good = PostDeleted.of(EventMetadata.now(), did, "at://" + did + "/app.bsky.feed.post/3lenb67oz2222");
		this.publisher.publish(Topics.POSTS, good).get(10, TimeUnit.SECONDS);

		PostEvent first = this.received.poll(30, TimeUnit.SECONDS);
		assertThat(first).isEqualTo(good);

		List<ConsumerRecord<byte[], byte[]>> dead = deadLetters(did, 2);
		assertThat(dead).extracting(ConsumerRecord::value).containsExactly(garbage, wrongTopic);
		for (ConsumerRecord<byte[], byte[]> record : dead) {
			assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo(Topics.POSTS.name());
			assertThat(header(record, "kafka_dlt-exception-fqcn")).contains("DeserializationException");
			assertThat(header(record, "kafka_dlt-exception-message")).isNotBlank();
		}
		assertThat(header(dead.get(0), EventKafkaAutoConfiguration.REASON_HEADER)).contains("StreamReadException", "Unrecognized token");
		assertThat(header(dead.get(1), EventKafkaAutoConfiguration.REASON_HEADER)).contains("AccountDeleted");
	}

	@Test
	void anEventTheListenerKeepsFailingOnIsRetriedThenDeadLetteredAsJson() throws Exception {
		String did = "did:plc:" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
		PostDeleted poison = PostDeleted.of(EventMetadata.now(), did, "at://" + did + "/app.bsky.feed.post/poison");
		PostDeleted next = PostDeleted.of(EventMetadata.now(), did, "at://" + did + "/app.bsky.feed.post/3next");
		int attemptsBefore = ATTEMPTS.get();
		double deadLettersBefore = deadLettersCounted();
		this.publisher.publish(Topics.POSTS, poison).get(10, TimeUnit.SECONDS);
		this.publisher.publish(Topics.POSTS, next).get(10, TimeUnit.SECONDS);

		PostEvent after = this.received.poll(30, TimeUnit.SECONDS);
		while (after != null && !after.equals(next)) {
			after = this.received.poll(30, TimeUnit.SECONDS);
		}
		assertThat(after).isEqualTo(next);
		assertThat(ATTEMPTS.get() - attemptsBefore).isEqualTo(3);
		assertThat(deadLettersCounted() - deadLettersBefore).isEqualTo(1.0);
		List<ConsumerRecord<byte[], byte[]>> dead = deadLetters(did, 1);
		assertThat(dead).hasSize(1);
		String json = new String(dead.get(0).value(), StandardCharsets.UTF_8);
		assertThat(json).startsWith("{").contains("\"type\":\"PostDeleted\"").contains(poison.eventId().toString());
		assertThat(header(dead.get(0), EventKafkaAutoConfiguration.REASON_HEADER))
			.contains("IllegalStateException", "cannot store");
	}

	private static List<ConsumerRecord<byte[], byte[]>> deadLetters(String did, int expected) {
		try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				TestKafka.broker().bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.POSTS.deadLetterTopic()));
			List<ConsumerRecord<byte[], byte[]>> mine = new java.util.ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (mine.size() < expected && System.nanoTime() < deadline) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					if (did.equals(new String(record.key(), StandardCharsets.UTF_8))) {
						mine.add(record);
					}
				}
			}
			return mine;
		}
	}

	// Registered at start, before any record failed: dashboards and alerts see a 0, not "no data".
	private double deadLettersCounted() {
		return this.meters.get(EventKafkaAutoConfiguration.DEAD_LETTERS_METRIC)
			.tag("topic", Topics.POSTS.name())
			.counter()
			.count();
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class PostsListenerApp {

		@Bean
		io.micrometer.core.instrument.MeterRegistry meterRegistry() {
			return new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
		}

		@Bean
		BlockingQueue<PostEvent> received() {
			return new LinkedBlockingQueue<>();
		}

		@Bean
		PostsListener postsListener(BlockingQueue<PostEvent> received) {
			return new PostsListener(received);
		}

	}

	static class PostsListener {

		private final BlockingQueue<PostEvent> received;

		PostsListener(BlockingQueue<PostEvent> received) {
			this.received = received;
		}

		@KafkaListener(topics = Topics.Names.POSTS)
		void on(PostEvent event) {
			if (event.uri().endsWith("/poison")) {
				ATTEMPTS.incrementAndGet();
				throw new IllegalStateException("cannot store " + event.uri());
			}
			this.received.add(event);
		}

	}

}
