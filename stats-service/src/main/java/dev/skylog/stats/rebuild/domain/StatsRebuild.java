package dev.skylog.stats.rebuild.domain;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.skylog.events.Ownership;
import dev.skylog.events.SkylogEvent;
import dev.skylog.events.Topics;
import dev.skylog.stats.facts.persistence.FactStore;
import dev.skylog.stats.facts.persistence.StatsSchema;
import dev.skylog.stats.web.StatsProblem;

/**
 * Rebuilds every statistic from the event log while the live tables keep serving: replays the replayable
 * topics from offset 0 (a consumer group of its own, committing nothing; by default two consumers, each with
 * half of the partitions on a thread of its own, so that both cores prepare batches) into a shadow schema,
 * swaps it in with two renames in one transaction, then applies what arrived meanwhile. Facts are
 * last-writer-wins by event time, so this catch-up and the live listeners may apply the same events in any
 * interleaving. One rebuild at a time across every instance and the command-line Job: a PostgreSQL advisory
 * lock held for the whole run.
 */
@Service
public class StatsRebuild {

	private static final Logger logger = LoggerFactory.getLogger(StatsRebuild.class);

	// pg_try_advisory_lock key: "stats-rebuild".hashCode(), fixed so every instance contends for the same lock.
	private static final long LOCK_KEY = 0x73746174L;

	private static final List<String> TABLES = List.of("account", "post_fact", "like_fact", "deleted_fact");

	private static final List<String> TOPICS = List.of(Topics.ACCOUNTS.name(), Topics.PROFILES.name(),
			Topics.POSTS.name(), Topics.LIKES.name());

	private final ConsumerFactory<String, SkylogEvent> consumers;

	private final ConnectionFactory connections;

	private final DatabaseClient database;

	private final FactStore facts;

	private final TransactionalOperator transaction;

	private final RebuildProperties properties;

	private final Clock clock;

	private final AtomicReference<RebuildStatus> status = new AtomicReference<>(RebuildStatus.NEVER);

	private final AtomicLong applied = new AtomicLong();

	private volatile boolean aborted;

	private final ExecutorService runner = Executors.newSingleThreadExecutor(Thread.ofVirtual()
		.name("stats-rebuild")
		.factory());

	public StatsRebuild(ConsumerFactory<String, SkylogEvent> consumers, ConnectionFactory connections,
			DatabaseClient database, FactStore facts, TransactionalOperator transaction, RebuildProperties properties,
			Clock clock, MeterRegistry meters) {
		this.consumers = consumers;
		this.connections = connections;
		this.database = database;
		this.facts = facts;
		this.transaction = transaction;
		this.properties = properties;
		this.clock = clock;
		Gauge.builder("skylog.stats.rebuild.running", () -> status().running() ? 1 : 0)
			.description("1 while this instance rebuilds the statistics")
			.register(meters);
		Gauge.builder("skylog.stats.rebuild.progress", () -> status().progress())
			.description("Share of the event log replayed by the current or last rebuild, 0 to 1")
			.register(meters);
		Gauge.builder("skylog.stats.rebuild.events.applied", this.applied::get)
			.description("Events the current or last rebuild applied")
			.register(meters);
	}

	public RebuildStatus status() {
		RebuildStatus current = this.status.get();
		if (!current.running()) {
			return current;
		}
		long done = this.applied.get();
		return new RebuildStatus(current.rebuildId(), current.state(), current.startedAt(), null, done,
				current.eventsTotal(), progress(done, current.eventsTotal()), null);
	}

	/** Starts a rebuild in the background, or refuses with 409 while one runs here or anywhere else. */
	public RebuildStatus start() {
		RebuildStatus starting = new RebuildStatus(UUID.randomUUID(), RebuildStatus.State.REPLAYING,
				this.clock.instant(), null, 0, 0, 0, null);
		RebuildStatus previous = this.status.get();
		if (previous.running() || !this.status.compareAndSet(previous, starting)) {
			throw StatsProblem.rebuildRunning();
		}
		Connection lock;
		try {
			lock = Mono.from(this.connections.create()).block();
		}
		catch (RuntimeException ex) {
			this.status.set(previous);
			throw ex;
		}
		boolean locked;
		try {
			locked = tryLock(lock);
		}
		catch (RuntimeException ex) {
			close(lock);
			this.status.set(previous);
			throw ex;
		}
		if (!locked) {
			close(lock);
			this.status.set(previous);
			throw StatsProblem.rebuildRunning();
		}
		this.applied.set(0);
		this.runner.execute(() -> {
			try {
				run(starting);
			}
			finally {
				close(lock);
			}
		});
		return starting;
	}

	/** Runs a rebuild on the calling thread; the command-line mode. */
	public RebuildStatus runNow() {
		start();
		while (status().running()) {
			sleep(Duration.ofMillis(200));
		}
		return status();
	}

	private void run(RebuildStatus started) {
		logger.info("Rebuild {} started", started.rebuildId());
		List<Consumer<String, SkylogEvent>> replay = new ArrayList<>();
		try {
			replay.add(consumer(started, 0));
			List<List<TopicPartition>> shares = shares(partitions(replay.get(0)), this.properties.consumers());
			while (replay.size() < shares.size()) {
				replay.add(consumer(started, replay.size()));
			}
			Map<TopicPartition, Long> end = new HashMap<>();
			long total = 0;
			for (int i = 0; i < shares.size(); i++) {
				Consumer<String, SkylogEvent> consumer = replay.get(i);
				List<TopicPartition> share = shares.get(i);
				consumer.assign(share);
				consumer.seekToBeginning(share);
				Map<TopicPartition, Long> beginning = consumer.beginningOffsets(share);
				end.putAll(consumer.endOffsets(share));
				total += share.stream().mapToLong((p) -> end.get(p) - beginning.get(p)).sum();
			}
			this.status.set(new RebuildStatus(started.rebuildId(), RebuildStatus.State.REPLAYING, started.startedAt(),
					null, 0, total, 0, null));

			prepareShadow();
			inParallel(replay, (consumer) -> drain(consumer, end, StatsSchema.SHADOW));
			this.status.set(withState(RebuildStatus.State.SWAPPING));
			swap();
			this.status.set(withState(RebuildStatus.State.CATCHING_UP));
			inParallel(replay, (consumer) -> drain(consumer, consumer.endOffsets(consumer.assignment()),
					StatsSchema.LIVE));

			long done = this.applied.get();
			this.status.set(new RebuildStatus(started.rebuildId(), RebuildStatus.State.COMPLETED,
					started.startedAt(), this.clock.instant(), done, total, 1.0, null));
			logger.info("Rebuild {} completed: {} events", started.rebuildId(), done);
		}
		catch (RuntimeException ex) {
			logger.error("Rebuild {} failed", started.rebuildId(), ex);
			this.database.sql("DROP SCHEMA IF EXISTS " + StatsSchema.SHADOW.schemaName() + " CASCADE")
				.then()
				.onErrorComplete()
				.block();
			RebuildStatus current = this.status.get();
			this.status.set(new RebuildStatus(started.rebuildId(), RebuildStatus.State.FAILED, started.startedAt(),
					this.clock.instant(), this.applied.get(), current.eventsTotal(),
					progress(this.applied.get(), current.eventsTotal()), ex.getMessage()));
		}
		finally {
			replay.forEach(Consumer::close);
		}
	}

	private Consumer<String, SkylogEvent> consumer(RebuildStatus started, int index) {
		return this.consumers.createConsumer("stats-rebuild-" + started.rebuildId(), "stats-rebuild-" + index, null,
				consumerOverrides());
	}

	/**
	 * Partitions dealt out by number, so that with topics of even partition counts (every Skylog topic) each
	 * account's events on every topic fall to one consumer and consumers seldom wait for each other's account
	 * locks.
	 */
	private static List<List<TopicPartition>> shares(List<TopicPartition> partitions, int consumers) {
		int count = Math.max(1, Math.min(consumers, partitions.size()));
		List<List<TopicPartition>> shares = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			shares.add(new ArrayList<>());
		}
		partitions.forEach((partition) -> shares.get(partition.partition() % count).add(partition));
		return shares;
	}

	/**
	 * Runs {@code drain} for every consumer, each on a thread of its own, and fails as the first of them fails;
	 * the others stop at their next poll.
	 */
	private void inParallel(List<Consumer<String, SkylogEvent>> replay,
			java.util.function.Consumer<Consumer<String, SkylogEvent>> drain) {
		this.aborted = false;
		try (ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual()
			.name("stats-rebuild-", 0)
			.factory())) {
			List<CompletableFuture<Void>> drains = replay.stream()
				.map((consumer) -> CompletableFuture.runAsync(() -> {
					try {
						drain.accept(consumer);
					}
					catch (RuntimeException | Error ex) {
						this.aborted = true;
						throw ex;
					}
				}, threads))
				.toList();
			drains.forEach(StatsRebuild::await);
		}
	}

	private void prepareShadow() {
		String shadow = StatsSchema.SHADOW.schemaName();
		List<String> statements = new ArrayList<>();
		statements.add("DROP SCHEMA IF EXISTS " + shadow + " CASCADE");
		statements.add("CREATE SCHEMA " + shadow);
		for (String table : TABLES) {
			statements.add("CREATE TABLE " + shadow + "." + table + " (LIKE " + StatsSchema.LIVE.schemaName() + "."
					+ table + " INCLUDING ALL)");
		}
		Flux.fromIterable(statements).concatMap((sql) -> this.database.sql(sql).then()).then().block();
	}

	/**
	 * Polls until every partition's position reached {@code end}, applying each poll as one transaction. The next
	 * poll, and the decoding and statement building of its records, run while the database applies the batch
	 * before, which is all this thread would otherwise wait for; batches still commit one after the other, in
	 * the order they were polled.
	 */
	private void drain(Consumer<String, SkylogEvent> consumer, Map<TopicPartition, Long> end, StatsSchema schema) {
		Set<TopicPartition> share = consumer.assignment();
		CompletableFuture<Void> applying = CompletableFuture.completedFuture(null);
		int inFlight = 0;
		try {
			while (!this.aborted && end.entrySet()
				.stream()
				.anyMatch((e) -> share.contains(e.getKey()) && consumer.position(e.getKey()) < e.getValue())) {
				ConsumerRecords<String, SkylogEvent> records = consumer.poll(this.properties.pollTimeout());
				List<SkylogEvent> events = new ArrayList<>(records.count());
				for (ConsumerRecord<String, SkylogEvent> record : records) {
					// A record that cannot be read, or that names another account's records, was dead-lettered by the
					// live listeners already: a replay skips it the same way.
					if (record.value() != null && Ownership.violation(record.key(), record.value()).isEmpty()) {
						events.add(record.value());
					}
				}
				Mono<Void> batch = events.isEmpty() ? Mono.empty()
						: this.transaction.transactional(this.facts.apply(schema, events));
				await(applying);
				this.applied.addAndGet(inFlight);
				applying = batch.toFuture();
				inFlight = records.count();
			}
			await(applying);
			this.applied.addAndGet(inFlight);
		}
		finally {
			// Whatever failed, no transaction of this drain outlives it: the shadow schema is dropped next.
			applying.exceptionally((ex) -> null).join();
		}
	}

	private static void await(CompletableFuture<Void> batch) {
		try {
			batch.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
	}

	/**
	 * Both renames and the drop commit together: a reader sees the old tables or the new ones, never neither.
	 * The drop waits for statements still reading the old tables, and invalidates plans cached against them.
	 */
	private void swap() {
		String live = StatsSchema.LIVE.schemaName();
		String retired = live + "_retired";
		this.transaction.transactional(Flux.just("DROP SCHEMA IF EXISTS " + retired + " CASCADE",
				"ALTER SCHEMA " + live + " RENAME TO " + retired,
				"ALTER SCHEMA " + StatsSchema.SHADOW.schemaName() + " RENAME TO " + live,
				"DROP SCHEMA " + retired + " CASCADE")
			.concatMap((sql) -> this.database.sql(sql).then())
			.then()).block();
	}

	private RebuildStatus withState(RebuildStatus.State state) {
		RebuildStatus current = this.status.get();
		long done = this.applied.get();
		return new RebuildStatus(current.rebuildId(), state, current.startedAt(), null, done, current.eventsTotal(),
				progress(done, current.eventsTotal()), null);
	}

	private Properties consumerOverrides() {
		Properties overrides = new Properties();
		overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(this.properties.batchSize()));
		overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		return overrides;
	}

	private static List<TopicPartition> partitions(Consumer<String, SkylogEvent> consumer) {
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : TOPICS) {
			consumer.partitionsFor(topic, Duration.ofSeconds(30))
				.forEach((info) -> partitions.add(new TopicPartition(topic, info.partition())));
		}
		return partitions;
	}

	private static boolean tryLock(Connection connection) {
		return Boolean.TRUE.equals(Mono.from(connection.createStatement("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")
			.execute()).flatMap((result) -> Mono.from(result.map((row, meta) -> row.get(0, Boolean.class)))).block());
	}

	// The connection goes back to a pool rather than closing its session: the lock must be released explicitly.
	private static void close(Connection connection) {
		Mono.from(connection.createStatement("SELECT pg_advisory_unlock(" + LOCK_KEY + ")").execute())
			.flatMap((result) -> Mono.from(result.getRowsUpdated()))
			.onErrorComplete()
			.then(Mono.from(connection.close()))
			.onErrorComplete()
			.block();
	}

	private static double progress(long done, long total) {
		return (total == 0) ? 1.0 : Math.min(1.0, (double) done / total);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
