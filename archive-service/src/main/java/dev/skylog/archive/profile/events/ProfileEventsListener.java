package dev.skylog.archive.profile.events;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;

import dev.skylog.events.kafka.BatchRecords;
import dev.skylog.archive.account.persistence.DeletionFence;
import dev.skylog.archive.profile.persistence.ProfileStore;
import dev.skylog.events.profile.ProfileFetched;

@Component
public class ProfileEventsListener {

	private final ProfileStore profiles;

	private final DeletionFence fence;

	private final TransactionalOperator transaction;

	public ProfileEventsListener(ProfileStore profiles, DeletionFence fence, TransactionalOperator transaction) {
		this.profiles = profiles;
		this.fence = fence;
		this.transaction = transaction;
	}

	@KafkaListener(id = "archive-profiles", idIsGroup = false, topics = "skylog.profiles.v1", batch = "true")
	void onProfiles(List<ConsumerRecord<String, ProfileFetched>> records) {
		BatchRecords.apply(records, (profiles) -> this.transaction.transactional(this.fence.admit(profiles)
			.flatMapMany((admitted) -> Flux.fromIterable(BatchRecords.lastPerKey(admitted, ProfileFetched::did)))
			.concatMap(this.profiles::upsert)
			.then()));
	}

}
