package dev.skylog.archive.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;
import reactor.core.publisher.Mono;

/**
 * Applies a batch of records that may contain a poison record: a record whose value could not be
 * deserialized arrives as null (ErrorHandlingDeserializer). Everything before it is applied, then the batch
 * fails at its index, so the error handler dead-letters exactly that record and the partition moves on.
 */
public final class BatchRecords {

	private BatchRecords() {
	}

	public static <V> void apply(List<ConsumerRecord<String, V>> records, Function<List<V>, Mono<Void>> store) {
		List<V> good = new ArrayList<>(records.size());
		for (int index = 0; index < records.size(); index++) {
			V value = records.get(index).value();
			if (value == null) {
				store.apply(good).block();
				throw new BatchListenerFailedException("record could not be deserialized", index);
			}
			good.add(value);
		}
		store.apply(good).block();
	}

}
