package dev.skylog.scheduler.sync.events;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.skylog.events.Topics;
import dev.skylog.events.kafka.ListenerEffects;
import dev.skylog.events.sync.SyncCompleted;
import dev.skylog.events.sync.SyncFailed;
import dev.skylog.events.sync.SyncProgress;
import dev.skylog.events.sync.SyncStatusEvent;
import dev.skylog.scheduler.sync.domain.SyncCoordinator;

/**
 * The fetcher's reports. Each counts only while it carries the account's current lease, which also makes a
 * redelivered report harmless: the first delivery of an end released the lease.
 */
@Component
public class SyncStatusListener {

	private final SyncCoordinator coordinator;

	public SyncStatusListener(SyncCoordinator coordinator) {
		this.coordinator = coordinator;
	}

	@KafkaListener(id = "scheduler-sync-status", idIsGroup = false, topics = Topics.Names.SYNC_STATUS)
	void on(SyncStatusEvent event) {
		Mono<Void> effect = switch (event) {
			case SyncProgress progress -> this.coordinator.progress(progress);
			case SyncCompleted completed -> this.coordinator.completed(completed);
			case SyncFailed failed -> this.coordinator.failed(failed);
		};
		ListenerEffects.complete(effect);
	}

}
