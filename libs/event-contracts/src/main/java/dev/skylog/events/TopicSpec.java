package dev.skylog.events;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One Kafka topic: its name, the types of its key and value, how many partitions it has and how long it keeps
 * records. Keys are always the account's DID, so all of one account's events share a partition and stay in
 * order (a deletion never overtakes the fetch it undoes).
 *
 * @param retention how long records stay; {@code null} means for ever ({@code retention.ms=-1})
 * @param replayable whether archive and stats can be rebuilt from this topic, which is why it keeps records for ever
 */
public record TopicSpec<V extends SkylogEvent>(String name, Class<String> keyType, Class<V> valueType,
		int partitions, Duration retention, boolean replayable, String description) {

	public TopicSpec {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(keyType, "keyType");
		Objects.requireNonNull(valueType, "valueType");
		if (partitions < 1) {
			throw new IllegalArgumentException("partitions must be positive");
		}
		if (replayable && retention != null) {
			throw new IllegalArgumentException(name + ": a replayable topic must keep its records for ever");
		}
	}

	public static <V extends SkylogEvent> TopicSpec<V> replayable(String name, Class<V> valueType, int partitions,
			String description) {
		return new TopicSpec<>(name, String.class, valueType, partitions, null, true, description);
	}

	public static <V extends SkylogEvent> TopicSpec<V> expiring(String name, Class<V> valueType, int partitions,
			Duration retention, String description) {
		return new TopicSpec<>(name, String.class, valueType, partitions, retention, false, description);
	}

	/** The topic configuration Kafka needs to honour this spec. */
	public Map<String, String> configs() {
		return Map.of("cleanup.policy", "delete", "retention.ms",
				(retention == null) ? "-1" : Long.toString(retention.toMillis()));
	}

	/** Where records this topic's consumers cannot process go, with the reason in their headers. */
	public String deadLetterTopic() {
		return Topics.deadLetterTopic(name);
	}

}
