package dev.skylog.fetcher.sync;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

import dev.skylog.events.EventJson;
import dev.skylog.events.SkylogEvent;
import dev.skylog.events.Topics;
import dev.skylog.events.sync.SyncCheckpoint;
import dev.skylog.events.sync.SyncProgress;
import dev.skylog.events.sync.SyncRequested;
import dev.skylog.events.sync.SyncStatusEvent;

/**
 * Where a sync stands, read back from the sync-status topic. A request is acknowledged only when its sync ended,
 * so a fetcher that died half way leaves it to be delivered again, still carrying the checkpoint it was sent
 * with. What the dead fetcher reported since is on the log: the newest {@link SyncProgress} of that sync says
 * where to go on from, and a reported end means there is nothing left to do.
 *
 * <p>Only the records since the request was sent are read, on the one partition its account's events go to
 * (same key, same partitioner); for a request just sent that is nothing.
 */
@Component
class SyncProgressLog implements DisposableBean {

	private static final Duration READ_AT_MOST = Duration.ofSeconds(10);

	private final Consumer<String, String> consumer;

	SyncProgressLog(ConsumerFactory<?, ?> consumers) {
		// The service's connection settings (servers, TLS), plain strings instead of its event deserializers, and
		// no group: it reads by partition and offset and commits nothing.
		Map<String, Object> config = new HashMap<>(consumers.getConfigurationProperties());
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "fetcher-progress-log");
		this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
	}

	/**
	 * The checkpoint to go on from, or empty when the log says the sync already ended (its fetcher died after
	 * reporting, before acknowledging).
	 */
	synchronized Optional<SyncCheckpoint> resumeFrom(SyncRequested request) {
		String topic = Topics.SYNC_STATUS.name();
		int partitions = this.consumer.partitionsFor(topic).size();
		TopicPartition partition = new TopicPartition(topic,
				Utils.toPositive(Utils.murmur2(request.did().getBytes(StandardCharsets.UTF_8))) % partitions);
		this.consumer.assign(List.of(partition));
		OffsetAndTimestamp since = this.consumer
			.offsetsForTimes(Map.of(partition, request.occurredAt().toEpochMilli()))
			.get(partition);
		if (since == null) {
			return Optional.of(request.checkpoint());
		}
		long end = this.consumer.endOffsets(List.of(partition)).get(partition);
		this.consumer.seek(partition, since.offset());
		SyncCheckpoint newest = request.checkpoint();
		long deadline = System.nanoTime() + READ_AT_MOST.toNanos();
		while (this.consumer.position(partition) < end && System.nanoTime() < deadline) {
			for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(200))) {
				if (record.offset() >= end || !request.did().equals(record.key()) || record.value() == null) {
					continue;
				}
				SkylogEvent event = readable(record);
				if (!(event instanceof SyncStatusEvent status) || !status.syncId().equals(request.syncId())) {
					continue;
				}
				if (!(status instanceof SyncProgress progress)) {
					return Optional.empty();
				}
				newest = progress.checkpoint();
			}
		}
		return Optional.of(newest);
	}

	// An account's record no one can read (it went to the consumers' dead-letter topics) says nothing about this
	// sync; failing on it would send every request of the account after it to the dead-letter topic too.
	private static SkylogEvent readable(ConsumerRecord<String, String> record) {
		try {
			return EventJson.mapper().readValue(record.value(), SkylogEvent.class);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	@Override
	public void destroy() {
		synchronized (this) {
			this.consumer.close(Duration.ofSeconds(2));
		}
	}

}
