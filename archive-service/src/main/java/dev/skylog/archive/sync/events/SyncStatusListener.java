package dev.skylog.archive.sync.events;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;

import dev.skylog.events.Topics;
import dev.skylog.events.kafka.BatchRecords;
import dev.skylog.archive.account.persistence.DeletionFence;
import dev.skylog.archive.sync.persistence.SyncStateStore;
import dev.skylog.events.sync.SyncStatusEvent;

/** Keeps the archive's copy of each account's sync state, shown on the archive's front page. */
@Component
public class SyncStatusListener {

	private final SyncStateStore states;

	private final DeletionFence fence;

	private final TransactionalOperator transaction;

	public SyncStatusListener(SyncStateStore states, DeletionFence fence, TransactionalOperator transaction) {
		this.states = states;
		this.fence = fence;
		this.transaction = transaction;
	}

	@KafkaListener(id = "archive-sync-status", idIsGroup = false, topics = Topics.Names.SYNC_STATUS, batch = "true")
	void onSyncStatus(List<ConsumerRecord<String, SyncStatusEvent>> records) {
		BatchRecords.apply(records, (events) -> this.transaction.transactional(this.fence
			.lock(events.stream().map(SyncStatusEvent::did).distinct().toList())
			.thenMany(Flux.fromIterable(BatchRecords.lastPerKey(events, SyncStatusEvent::did)))
			.concatMap(this.states::apply)
			.then()));
	}

}
