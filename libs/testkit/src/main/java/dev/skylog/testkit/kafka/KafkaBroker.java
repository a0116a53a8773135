package dev.skylog.testkit.kafka;

/**
 * A running Kafka broker tests can connect to.
 *
 * @param kind what it is: {@code embedded-kraft}, {@code testcontainers} or {@code external}
 */
public record KafkaBroker(String bootstrapServers, String kind) {

}
