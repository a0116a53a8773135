package dev.skylog.auth.outbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.skylog.events.EventJson;
import dev.skylog.events.SkylogEvent;
import dev.skylog.events.Topics;

/**
 * The {@code event_outbox} table: events written in the caller's transaction, next to the rows they announce,
 * and read back by {@link OutboxRelay}. A database commit and a Kafka send cannot be one unit; a row in the same
 * database as the change can.
 */
@Repository
public class EventOutbox {

	private final DatabaseClient database;

	private final RelayTrigger trigger;

	EventOutbox(DatabaseClient database, RelayTrigger trigger) {
		this.database = database;
		this.trigger = trigger;
	}

	/**
	 * Adds {@code event} to the outbox in the transaction the caller runs; once that commits, the relay is woken
	 * to send it. Without a transaction this fails: an event appended outside one could be sent for a change that
	 * is then rolled back, or be lost with a change that commits.
	 */
	public Mono<Void> append(SkylogEvent event) {
		return TransactionSynchronizationManager.forCurrentTransaction()
			.filter(TransactionSynchronizationManager::isActualTransactionActive)
			.switchIfEmpty(Mono.error(() -> new NoTransactionException("an outbox event needs the change's transaction")))
			.flatMap((transaction) -> {
				transaction.registerSynchronization(new TransactionSynchronization() {
					@Override
					public Mono<Void> afterCommit() {
						return Mono.fromRunnable(EventOutbox.this.trigger::pull);
					}
				});
				return this.database.sql("INSERT INTO event_outbox (topic, event_key, payload) VALUES (:topic, :key, :payload)")
					.bind("topic", Topics.of(event).name())
					.bind("key", event.did())
					.bind("payload", EventJson.mapper().writeValueAsString(event))
					.then();
			});
	}

	/** The oldest events, locked for the caller's transaction, in the order they were written. */
	Flux<Pending> oldest(int limit) {
		return this.database.sql("SELECT id, payload, created_at FROM event_outbox ORDER BY id LIMIT :limit FOR UPDATE")
			.bind("limit", limit)
			.map((row) -> new Pending(row.get("id", Long.class),
					EventJson.mapper().readValue(row.get("payload", String.class), SkylogEvent.class),
					row.get("created_at", OffsetDateTime.class).toInstant()))
			.all();
	}

	Mono<Void> remove(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Mono.empty();
		}
		return this.database.sql("DELETE FROM event_outbox WHERE id = ANY(CAST(:ids AS bigint[]))")
			.bind("ids", ids.toArray(Long[]::new))
			.then();
	}

	/** How many events wait, and since when the oldest has. */
	Mono<Backlog> backlog() {
		return this.database.sql("SELECT count(*) AS events, min(created_at) AS oldest FROM event_outbox")
			.map((row) -> new Backlog(row.get("events", Long.class), (row.get("oldest", OffsetDateTime.class) != null)
					? row.get("oldest", OffsetDateTime.class).toInstant() : null))
			.one();
	}

	record Pending(long id, SkylogEvent event, Instant writtenAt) {
	}

	record Backlog(long events, Instant oldest) {

	}

}
