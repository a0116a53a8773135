package dev.skylog.testkit.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(KafkaExtension.class)
class KafkaRoundTripTest {

	@Test
	void aRecordProducedIsConsumedFromARealBroker(KafkaBroker broker) throws Exception {
		String topic = "testkit-roundtrip-" + UUID.randomUUID();
		try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				broker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, "did:plc:alice", "{\"hello\":\"日本語\"}")).get();
		}
		try (var consumer = new KafkaConsumer<String, String>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG,
						"testkit-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			ConsumerRecord<String, String> received = null;
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (received == null && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					received = record;
				}
			}
			assertThat(received).isNotNull();
			assertThat(received.key()).isEqualTo("did:plc:alice");
			assertThat(received.value()).isEqualTo("{\"hello\":\"日本語\"}");
		}
		assertThat(broker.kind()).isIn("embedded-kraft", "testcontainers", "external");
	}

}
