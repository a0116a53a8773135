package dev.skylog.archive.profile.events;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import dev.skylog.events.kafka.BatchRecords;
import dev.skylog.archive.profile.persistence.ProfileStore;
import dev.skylog.events.profile.ProfileFetched;

@Component
public class ProfileEventsListener {

	private final ProfileStore profiles;

	public ProfileEventsListener(ProfileStore profiles) {
		this.profiles = profiles;
	}

	@KafkaListener(id = "archive-profiles", idIsGroup = false, topics = "skylog.profiles.v1", batch = "true")
	void onProfiles(List<ConsumerRecord<String, ProfileFetched>> records) {
		BatchRecords.apply(records, (profiles) -> Flux
			.fromIterable(BatchRecords.lastPerKey(profiles, ProfileFetched::did))
			.concatMap(this.profiles::upsert)
			.then());
	}

}
