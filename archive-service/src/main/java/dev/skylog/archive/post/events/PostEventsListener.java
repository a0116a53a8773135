package dev.skylog.archive.post.events;

import java.util.Collection;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import dev.skylog.events.kafka.BatchRecords;
import dev.skylog.archive.account.persistence.DeletionFence;
import dev.skylog.archive.post.persistence.PostStore;
import dev.skylog.events.post.PostDeleted;
import dev.skylog.events.post.PostEvent;
import dev.skylog.events.post.PostFetched;

/** Stores posts and their deletions, a batch per transaction; within a batch the last event of a post wins. */
@Component
public class PostEventsListener {

	private final PostStore posts;

	private final DeletionFence fence;

	private final TransactionalOperator transaction;

	public PostEventsListener(PostStore posts, DeletionFence fence, TransactionalOperator transaction) {
		this.posts = posts;
		this.fence = fence;
		this.transaction = transaction;
	}

	@KafkaListener(id = "archive-posts", idIsGroup = false, topics = "skylog.posts.v1", batch = "true")
	void onPosts(List<ConsumerRecord<String, PostEvent>> records) {
		BatchRecords.apply(records, this::store);
	}

	private Mono<Void> store(List<PostEvent> events) {
		return this.transaction.transactional(this.fence.admit(events).flatMap((admitted) -> {
			Collection<PostEvent> latest = BatchRecords.lastPerKey(admitted, PostEvent::uri);
			List<PostFetched> fetched = latest.stream().filter(PostFetched.class::isInstance)
				.map(PostFetched.class::cast).toList();
			List<String> deleted = latest.stream().filter(PostDeleted.class::isInstance)
				.map(PostEvent::uri).toList();
			return this.posts.upsert(fetched).then(this.posts.delete(deleted));
		}));
	}

}
