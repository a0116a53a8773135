package dev.skylog.archive.projection.events;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import dev.skylog.events.SkylogEvent;
import dev.skylog.events.Topics;
import dev.skylog.events.kafka.BatchRecords;

/** The topics the archive is made of: every batch goes through {@link ArchiveProjection}, one transaction each. */
@Component
class ArchiveListeners {

	private final ArchiveProjection projection;

	private final TransactionalOperator transaction;

	ArchiveListeners(ArchiveProjection projection, TransactionalOperator transaction) {
		this.projection = projection;
		this.transaction = transaction;
	}

	@KafkaListener(id = "archive-posts", idIsGroup = false, topics = Topics.Names.POSTS, batch = "true")
	void onPosts(List<ConsumerRecord<String, SkylogEvent>> records) {
		apply(records);
	}

	@KafkaListener(id = "archive-likes", idIsGroup = false, topics = Topics.Names.LIKES, batch = "true")
	void onLikes(List<ConsumerRecord<String, SkylogEvent>> records) {
		apply(records);
	}

	@KafkaListener(id = "archive-profiles", idIsGroup = false, topics = Topics.Names.PROFILES, batch = "true")
	void onProfiles(List<ConsumerRecord<String, SkylogEvent>> records) {
		apply(records);
	}

	@KafkaListener(id = "archive-accounts", idIsGroup = false, topics = Topics.Names.ACCOUNTS, batch = "true")
	void onAccounts(List<ConsumerRecord<String, SkylogEvent>> records) {
		apply(records);
	}

	private void apply(List<ConsumerRecord<String, SkylogEvent>> records) {
		BatchRecords.apply(records, (events) -> this.transaction.transactional(this.projection.apply(events)));
	}

}
