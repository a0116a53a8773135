package dev.skylog.auth.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.skylog.events.kafka.EventPublisher;

/**
 * Sends the outbox to Kafka, oldest first, and deletes what the broker acknowledged up to the first send that
 * failed; that one and the rest stay and go with the next attempt. One replica relays at a time (a
 * transaction-scoped advisory lock), so an account's events reach its partition in the order they were committed.
 * An event can be sent twice (acknowledged, then the process dies before the delete commits; or it came after one
 * in its batch that failed, and goes again with it); consumers apply events idempotently. None is lost.
 */
@Component
@EnableConfigurationProperties(OutboxProperties.class)
class OutboxRelay implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);

	// pg_advisory_xact_lock key space: "outb".
	private static final long RELAY_LOCK = 0x6f757462L;

	private final EventOutbox outbox;

	private final EventPublisher publisher;

	private final DatabaseClient database;

	private final TransactionalOperator transaction;

	private final RelayTrigger trigger;

	private final OutboxProperties properties;

	private final Clock clock;

	private final Counter relayed;

	private final Counter failures;

	private final AtomicLong waiting = new AtomicLong();

	private final AtomicLong oldestAgeSeconds = new AtomicLong();

	private volatile Disposable loop;

	OutboxRelay(EventOutbox outbox, EventPublisher publisher, DatabaseClient database, TransactionalOperator transaction,
			RelayTrigger trigger, OutboxProperties properties, Clock clock, MeterRegistry meters) {
		this.outbox = outbox;
		this.publisher = publisher;
		this.database = database;
		this.transaction = transaction;
		this.trigger = trigger;
		this.properties = properties;
		this.clock = clock;
		this.relayed = Counter.builder("skylog.outbox.relayed").description("Events sent from the outbox to Kafka")
			.register(meters);
		this.failures = Counter.builder("skylog.outbox.failures")
			.description("Relay attempts that failed (the events stay and are sent later)").register(meters);
		Gauge.builder("skylog.outbox.waiting", this.waiting, AtomicLong::get)
			.description("Events in the outbox not yet acknowledged by Kafka").register(meters);
		Gauge.builder("skylog.outbox.oldest.age", this.oldestAgeSeconds, AtomicLong::get)
			.description("How long the oldest event in the outbox has waited").baseUnit("seconds").register(meters);
	}

	@Override
	public void start() {
		this.loop = Flux.merge(Flux.interval(Duration.ZERO, this.properties.pollInterval()), this.trigger.pulls())
			.onBackpressureDrop()
			.concatMap((tick) -> Mono.defer(() -> {
				this.trigger.takePull();
				return drain();
			}).repeat(this.trigger::takePull).then(), 0)
			.subscribe();
	}

	/** After the web server's graceful shutdown, so events of the requests it let finish are sent too. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	@Override
	public void stop() {
		Disposable running = this.loop;
		this.loop = null;
		if (running != null) {
			running.dispose();
			// What the last requests appended; whatever does not make it waits for the next start or replica.
			drain().block(Duration.ofSeconds(10));
		}
	}

	@Override
	public boolean isRunning() {
		return this.loop != null;
	}

	/** Relays batch after batch until the outbox is empty or a send fails; then refreshes the backlog gauges. */
	Mono<Void> drain() {
		return relayBatch().expand((batch) -> (batch.failure() == null && batch.sent() == this.properties.batchSize())
				? relayBatch() : Mono.empty())
			.doOnNext((batch) -> {
				if (batch.failure() != null) {
					this.failures.increment();
					logger.warn("Could not relay the outbox to Kafka ({} of the oldest events sent), will try again: {}",
							batch.sent(), batch.failure().toString());
				}
			})
			.then()
			.onErrorResume((ex) -> {
				this.failures.increment();
				logger.warn("Could not relay the outbox to Kafka, will try again: {}", ex.toString());
				return Mono.empty();
			})
			// Also after a failure: a relay that keeps failing is what the age of the oldest event must show.
			.then(this.outbox.backlog().doOnNext((backlog) -> {
				this.waiting.set(backlog.events());
				this.oldestAgeSeconds.set((backlog.oldest() != null)
						? Math.max(0, Duration.between(backlog.oldest(), this.clock.instant()).toSeconds()) : 0);
			}).onErrorResume((ex) -> Mono.empty()))
			.then();
	}

	/**
	 * One transaction: the oldest events sent in order, and the ones the broker acknowledged before the first that
	 * failed deleted. Only that prefix: a later event of the same account must not go out before an earlier one.
	 */
	private Mono<Batch> relayBatch() {
		return this.transaction.transactional(this.database.sql("SELECT pg_try_advisory_xact_lock(:key) AS held")
			.bind("key", RELAY_LOCK)
			.map((row) -> Boolean.TRUE.equals(row.get("held", Boolean.class)))
			.one()
			.filter(Boolean::booleanValue)
			.flatMap((held) -> this.outbox.oldest(this.properties.batchSize()).collectList())
			.flatMap(this::send)
			.defaultIfEmpty(Batch.NOTHING));
	}

	private Mono<Batch> send(List<EventOutbox.Pending> pending) {
		if (pending.isEmpty()) {
			return Mono.just(Batch.NOTHING);
		}
		// Sent one after the other without waiting: the producer keeps their order within a partition. Each send
		// ends by itself, acknowledged or failed, within the producer's delivery timeout.
		List<CompletableFuture<?>> acks = pending.stream()
			.<CompletableFuture<?>>map((event) -> this.publisher.publish(event.event()))
			.toList();
		CompletableFuture<?>[] settled = acks.stream()
			.map((ack) -> ack.handle((result, failure) -> null))
			.toArray(CompletableFuture[]::new);
		return Mono.fromFuture(CompletableFuture.allOf(settled)).then(Mono.defer(() -> {
			int acknowledged = 0;
			while (acknowledged < acks.size() && !acks.get(acknowledged).isCompletedExceptionally()) {
				acknowledged++;
			}
			Throwable failure = (acknowledged < acks.size()) ? acks.get(acknowledged).exceptionNow() : null;
			int sent = acknowledged;
			return this.outbox.remove(pending.subList(0, sent).stream().map(EventOutbox.Pending::id).toList())
				.doOnSuccess((done) -> this.relayed.increment(sent))
				.thenReturn(new Batch(sent, failure));
		}));
	}

	/** What one relay transaction did: how many events it sent and deleted, and why it stopped short if it did. */
	private record Batch(int sent, Throwable failure) {

		static final Batch NOTHING = new Batch(0, null);

	}

}
