package dev.skylog.scheduler.sync.events;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.skylog.events.Topics;
import dev.skylog.events.kafka.ListenerEffects;
import dev.skylog.events.account.AccountDeleted;
import dev.skylog.events.account.AccountEvent;
import dev.skylog.events.account.AccountLinked;
import dev.skylog.events.account.AccountReauthRequired;
import dev.skylog.events.account.AccountSettingsChanged;
import dev.skylog.scheduler.sync.domain.SyncCoordinator;

/**
 * What auth-service says about accounts. A record is done when its effect is stored (and, for a login, its
 * SyncRequested acknowledged), so a record whose offset is committed has had its effect; a failure is retried
 * by the shared error handler ({@link ListenerEffects}): until the database answers, or a few times and then to
 * the dead-letter topic.
 */
@Component
public class AccountEventsListener {

	private final SyncCoordinator coordinator;

	public AccountEventsListener(SyncCoordinator coordinator) {
		this.coordinator = coordinator;
	}

	@KafkaListener(id = "scheduler-accounts", idIsGroup = false, topics = Topics.Names.ACCOUNTS)
	void on(AccountEvent event) {
		Mono<Void> effect = switch (event) {
			case AccountLinked linked -> this.coordinator.linked(linked);
			case AccountReauthRequired reauth -> this.coordinator.reauthRequired(reauth);
			case AccountDeleted deleted -> this.coordinator.deleted(deleted);
			// Time zone and visibility are the archive's and the statistics' business, not the schedule's.
			case AccountSettingsChanged changed -> Mono.empty();
		};
		ListenerEffects.complete(effect);
	}

}
