package dev.skylog.archive.post.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import dev.skylog.archive.config.BatchRecords;
import dev.skylog.archive.post.persistence.PostStore;
import dev.skylog.events.post.PostDeleted;
import dev.skylog.events.post.PostEvent;
import dev.skylog.events.post.PostFetched;

/**
 * Stores posts and their deletions, a batch per transaction. Within a batch only the last event of each URI
 * counts: records of one account share a partition, so that is also the last thing that happened to it.
 */
@Component
public class PostEventsListener {

	private final PostStore posts;

	private final TransactionalOperator transaction;

	public PostEventsListener(PostStore posts, TransactionalOperator transaction) {
		this.posts = posts;
		this.transaction = transaction;
	}

	@KafkaListener(topics = "skylog.posts.v1", batch = "true")
	void onPosts(List<ConsumerRecord<String, PostEvent>> records) {
		BatchRecords.apply(records, this::store);
	}

	private Mono<Void> store(List<PostEvent> events) {
		Map<String, PostEvent> latest = new LinkedHashMap<>();
		events.forEach((event) -> {
			latest.remove(event.uri());
			latest.put(event.uri(), event);
		});
		List<PostFetched> fetched = latest.values().stream().filter(PostFetched.class::isInstance)
			.map(PostFetched.class::cast).toList();
		List<String> deleted = latest.values().stream().filter(PostDeleted.class::isInstance)
			.map(PostEvent::uri).toList();
		return this.transaction.transactional(this.posts.upsert(fetched).then(this.posts.delete(deleted)));
	}

}
