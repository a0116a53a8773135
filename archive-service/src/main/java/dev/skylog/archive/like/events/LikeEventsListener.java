package dev.skylog.archive.like.events;

import java.util.Collection;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import dev.skylog.events.kafka.BatchRecords;
import dev.skylog.archive.account.persistence.DeletionFence;
import dev.skylog.archive.like.persistence.LikeStore;
import dev.skylog.events.like.LikeDeleted;
import dev.skylog.events.like.LikeEvent;
import dev.skylog.events.like.LikeFetched;

/** Stores likes and their withdrawals; within a batch the last event of a like wins. */
@Component
public class LikeEventsListener {

	private final LikeStore likes;

	private final DeletionFence fence;

	private final TransactionalOperator transaction;

	public LikeEventsListener(LikeStore likes, DeletionFence fence, TransactionalOperator transaction) {
		this.likes = likes;
		this.fence = fence;
		this.transaction = transaction;
	}

	@KafkaListener(id = "archive-likes", idIsGroup = false, topics = "skylog.likes.v1", batch = "true")
	void onLikes(List<ConsumerRecord<String, LikeEvent>> records) {
		BatchRecords.apply(records, this::store);
	}

	private Mono<Void> store(List<LikeEvent> events) {
		return this.transaction.transactional(this.fence.admit(events).flatMap((admitted) -> {
			Collection<LikeEvent> latest = BatchRecords.lastPerKey(admitted, LikeEvent::uri);
			return this.likes
				.upsert(latest.stream().filter(LikeFetched.class::isInstance).map(LikeFetched.class::cast).toList())
				.then(this.likes.delete(latest.stream().filter(LikeDeleted.class::isInstance)
					.map(LikeEvent::uri).toList()));
		}));
	}

}
