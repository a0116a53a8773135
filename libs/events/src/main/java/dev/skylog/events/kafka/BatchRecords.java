package dev.skylog.events.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;
import reactor.core.publisher.Mono;

import dev.skylog.events.Ownership;
import dev.skylog.events.SkylogEvent;

/**
 * Applies a batch of records that may contain a poison record: a record whose value could not be
 * deserialized arrives as null (ErrorHandlingDeserializer), and an event that would write another account's
 * rows ({@link Ownership}) is refused as {@link ForeignRecord}. Everything before it is applied, then the batch
 * fails at its index, so the error handler dead-letters exactly that record and the partition moves on.
 */
public final class BatchRecords {

	private BatchRecords() {
	}

	/**
	 * The last event of each key, in the order the keys were last seen. Records of one account share a partition,
	 * so within a batch the last event about a post or like is also the last thing that happened to it.
	 */
	public static <V> Collection<V> lastPerKey(List<V> events, Function<V, String> key) {
		Map<String, V> latest = new LinkedHashMap<>();
		for (V event : events) {
			latest.remove(key.apply(event));
			latest.put(key.apply(event), event);
		}
		return latest.values();
	}

	public static <V extends SkylogEvent> void apply(List<ConsumerRecord<String, V>> records,
			Function<List<V>, Mono<Void>> store) {
		List<V> good = new ArrayList<>(records.size());
		for (int index = 0; index < records.size(); index++) {
			ConsumerRecord<String, V> record = records.get(index);
			if (record.value() == null) {
				store(good, store);
				applied(record.topic(), good.size());
				throw new BatchListenerFailedException("record could not be deserialized", index);
			}
			Optional<String> foreign = Ownership.violation(record.key(), record.value());
			if (foreign.isPresent()) {
				store(good, store);
				applied(record.topic(), good.size());
				rejected(record.topic());
				throw new BatchListenerFailedException("record of another account", new ForeignRecord(foreign.get()),
						index);
			}
			good.add(record.value());
		}
		store(good, store);
		if (!records.isEmpty()) {
			applied(records.get(0).topic(), good.size());
		}
	}

	/**
	 * A store that failed applied nothing (one transaction), so the batch fails at an index and the error handler
	 * seeks back to it and polls again after its pause. Without an index it would retry the batch in memory, and
	 * records that a rebalance meanwhile let it fetch (the partitions it paused come back unpaused) would be
	 * dropped without a trace: a rolling restart during a database outage lost events so.
	 *
	 * <p>An outage fails the batch at its first record: every record waits. Any other failure is some record's
	 * fault; the records are stored one at a time to find it, those before it stay stored, and the batch fails at
	 * its index, so only that record is dead-lettered, with its own reason.
	 */
	private static <V> void store(List<V> events, Function<List<V>, Mono<Void>> store) {
		try {
			store.apply(events).block();
		}
		catch (RuntimeException ex) {
			if (StorageOutage.isOutage(ex)) {
				throw new BatchListenerFailedException("the database did not answer", new StorageOutage(ex), 0);
			}
			for (int index = 0; index < events.size(); index++) {
				try {
					store.apply(List.of(events.get(index))).block();
				}
				catch (RuntimeException single) {
					throw new BatchListenerFailedException("the record could not be stored",
							StorageOutage.isOutage(single) ? new StorageOutage(single) : single, index);
				}
			}
		}
	}

	/** Events refused because they would write another account's rows; the alert on dead letters sees them too. */
	static void rejected(String topic) {
		rejectedCounter(topic).increment();
	}

	static Counter rejectedCounter(String topic) {
		return Metrics.counter("skylog.events.rejected", "topic", topic, "reason", "foreign-record");
	}

	// Boot adds its registry to the global one (management.metrics.use-global-registry), so this is scraped.
	private static void applied(String topic, int events) {
		Metrics.counter("skylog.events.applied", "topic", topic).increment(events);
	}

}
