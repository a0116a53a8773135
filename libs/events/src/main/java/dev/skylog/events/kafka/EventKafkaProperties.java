package dev.skylog.events.kafka;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service sets up Skylog's topics and handles records it cannot process.
 *
 * @param createTopics create the topics of {@code Topics} (and their dead-letter topics) at start; off where
 * the Helm chart's topic Job owns them
 * @param replicationFactor replicas of each created topic (1 for a single local broker)
 * @param deadLetterRetention how long dead-lettered records stay for an operator to look at
 * @param retries how often a record whose processing failed is retried before it is dead-lettered
 * @param retryInterval the pause between those retries
 * @param sendBlockLimit the longest a send may wait for topic metadata or buffer space ({@code max.block.ms})
 * before it fails. Sends never run on an event loop ({@link EventPublisher} has a thread of its own), so the wait
 * holds only that thread, and must be long enough to ride out a broker restart
 */
@ConfigurationProperties("skylog.kafka")
public record EventKafkaProperties(@DefaultValue("true") boolean createTopics,
		@DefaultValue("1") short replicationFactor, @DefaultValue("28d") Duration deadLetterRetention,
		@DefaultValue("2") int retries, @DefaultValue("500ms") Duration retryInterval,
		@DefaultValue("60s") Duration sendBlockLimit) {

}
