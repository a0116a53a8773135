package dev.skylog.archive.account.events;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.skylog.archive.account.persistence.AccountData;
import dev.skylog.archive.account.persistence.DeletionFence;
import dev.skylog.events.kafka.BatchRecords;
import dev.skylog.events.account.AccountDeleted;
import dev.skylog.events.account.AccountEvent;
import dev.skylog.events.account.AccountLinked;
import dev.skylog.events.account.AccountSettingsChanged;

/** Follows accounts' settings (time zone, privacy) and removes an account's archive when it leaves. */
@Component
public class AccountEventsListener {

	private final AccountData accounts;

	private final DeletionFence fence;

	private final TransactionalOperator transaction;

	public AccountEventsListener(AccountData accounts, DeletionFence fence, TransactionalOperator transaction) {
		this.accounts = accounts;
		this.fence = fence;
		this.transaction = transaction;
	}

	@KafkaListener(id = "archive-accounts", idIsGroup = false, topics = "skylog.accounts.v1", batch = "true")
	void onAccounts(List<ConsumerRecord<String, AccountEvent>> records) {
		BatchRecords.apply(records, (events) -> this.transaction.transactional(this.fence
			.lock(events.stream().filter(AccountDeleted.class::isInstance).map(AccountEvent::did).toList())
			.thenMany(Flux.fromIterable(events).concatMap(this::apply))
			.then()));
	}

	private Mono<Void> apply(AccountEvent event) {
		return switch (event) {
			case AccountLinked linked -> this.accounts.saveSettings(linked.did(), linked.handle(), linked.occurredAt(),
					linked.settings());
			case AccountSettingsChanged changed -> this.accounts.saveSettings(changed.did(), null, changed.occurredAt(),
					changed.settings());
			case AccountDeleted deleted -> this.accounts.deleteEverything(deleted.did())
				.then(this.fence.raise(deleted.did(), deleted.occurredAt()));
			default -> Mono.empty();
		};
	}

}
