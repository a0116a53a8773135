package dev.skylog.scheduler.sync.events;

import java.time.Clock;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.skylog.events.EventMetadata;
import dev.skylog.events.Topics;
import dev.skylog.events.kafka.EventPublisher;
import dev.skylog.events.sync.SyncRequested;
import dev.skylog.scheduler.sync.domain.SyncLease;

/** Hands leased accounts to the fetcher. Completes when Kafka has acknowledged the request. */
@Component
public class SyncRequestAnnouncements {

	private final EventPublisher publisher;

	private final Clock clock;

	public SyncRequestAnnouncements(EventPublisher publisher, Clock clock) {
		this.publisher = publisher;
		this.clock = clock;
	}

	public Mono<SyncRequested> requested(SyncLease lease, SyncRequested.Trigger trigger) {
		SyncRequested request = SyncRequested.of(EventMetadata.now(this.clock), lease.did(), lease.syncId(), trigger,
				lease.expiresAt(), lease.checkpoint());
		return Mono.fromFuture(() -> this.publisher.publish(Topics.SYNC_REQUESTS, request)).thenReturn(request);
	}

}
