package dev.skylog.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The contracts need neither Spring nor a Kafka client: a tool, a test or another service that reads events gets
 * the records, their JSON and their rules, and no runtime. (This module's test class path is its own.)
 */
class ContractsStandAloneTest {

	@Test
	void noSpringAndNoKafkaClientOnTheClassPath() {
		for (String runtime : new String[] { "org.springframework.core.SpringVersion",
				"org.springframework.kafka.core.KafkaTemplate", "org.apache.kafka.clients.producer.KafkaProducer",
				"reactor.core.publisher.Mono" }) {
			assertThatExceptionOfType(ClassNotFoundException.class).as(runtime)
				.isThrownBy(() -> Class.forName(runtime, false, getClass().getClassLoader()));
		}
	}

}
