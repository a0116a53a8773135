package dev.skylog.stats.facts.events;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import dev.skylog.events.Topics;
import dev.skylog.events.SkylogEvent;
import dev.skylog.events.kafka.BatchRecords;
import dev.skylog.stats.facts.persistence.FactStore;
import dev.skylog.stats.facts.persistence.StatsSchema;

/** The live path: every batch of posts, likes, profiles and account events becomes facts, one transaction each. */
@Component
public class FactListeners {

	private final FactStore facts;

	private final TransactionalOperator transaction;

	public FactListeners(FactStore facts, TransactionalOperator transaction) {
		this.facts = facts;
		this.transaction = transaction;
	}

	@KafkaListener(id = "stats-posts", idIsGroup = false, topics = Topics.Names.POSTS, batch = "true", concurrency = "${skylog.stats.ingest-concurrency:2}")
	void onPosts(List<ConsumerRecord<String, SkylogEvent>> records) {
		apply(records);
	}

	@KafkaListener(id = "stats-likes", idIsGroup = false, topics = Topics.Names.LIKES, batch = "true", concurrency = "${skylog.stats.ingest-concurrency:2}")
	void onLikes(List<ConsumerRecord<String, SkylogEvent>> records) {
		apply(records);
	}

	@KafkaListener(id = "stats-profiles", idIsGroup = false, topics = Topics.Names.PROFILES, batch = "true")
	void onProfiles(List<ConsumerRecord<String, SkylogEvent>> records) {
		apply(records);
	}

	@KafkaListener(id = "stats-accounts", idIsGroup = false, topics = Topics.Names.ACCOUNTS, batch = "true")
	void onAccounts(List<ConsumerRecord<String, SkylogEvent>> records) {
		apply(records);
	}

	private void apply(List<ConsumerRecord<String, SkylogEvent>> records) {
		BatchRecords.apply(records,
				(events) -> this.transaction.transactional(this.facts.apply(StatsSchema.LIVE, events)));
	}

}
