package dev.skylog.auth.outbox;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import dev.skylog.events.EventMetadata;
import dev.skylog.events.Topics;
import dev.skylog.events.account.AccountDeleted;
import dev.skylog.events.account.AccountSettings;
import dev.skylog.events.account.AccountSettingsChanged;
import dev.skylog.testkit.kafka.TestKafka;
import dev.skylog.testkit.postgres.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The outbox on real PostgreSQL and Kafka: an event goes out only with the transaction that wrote it, and one
 * written while nothing relays (the process died after the commit, the broker was away) goes out, in order,
 * once the relay runs.
 */
@SpringBootTest(properties = "skylog.auth.outbox.poll-interval=200ms")
class OutboxRelayTests {

	@DynamicPropertySource
	static void realDependencies(DynamicPropertyRegistry registry) {
		TestKafka.registerProperties(registry);
		TestPostgres.freshDatabase("auth_outbox").registerProperties(registry);
	}

	@Autowired
	EventOutbox outbox;

	@Autowired
	OutboxRelay relay;

	@Autowired
	TransactionalOperator transaction;

	@Autowired
	DatabaseClient database;

	final String did = "did:plc:" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);

	@AfterEach
	void relayRuns() {
		if (!this.relay.isRunning()) {
			this.relay.start();
		}
	}

	@Test
	void anEventOfATransactionThatRolledBackIsNeverSent() {
		Mono<Void> failed = this.transaction.transactional(this.outbox.append(deleted())
			.then(Mono.error(new IllegalStateException("the change failed after its event was written"))));
		assertThatThrownBy(failed::block).hasMessageContaining("the change failed");
		// A committed event after it: once that one is on the topic, the rolled-back one would have been before it.
		this.transaction.transactional(this.outbox.append(settings("UTC"))).block();

		List<ConsumerRecord<String, String>> records = TestKafka.records(Topics.ACCOUNTS.name(), this.did, 1,
				Duration.ofSeconds(20));
		assertThat(records).singleElement().satisfies((r) -> assertThat(r.value()).contains("AccountSettingsChanged"));
		assertThat(TestKafka.records(Topics.ACCOUNTS.name(), this.did, 2, Duration.ofSeconds(2))).hasSize(1);
	}

	@Test
	void eventsCommittedWhileNothingRelaysGoOutInOrderOnceTheRelayRuns() {
		this.relay.stop();
		for (String zone : List.of("Asia/Tokyo", "Europe/Paris", "America/New_York")) {
			this.transaction.transactional(this.outbox.append(settings(zone))).block();
		}
		this.transaction.transactional(this.outbox.append(deleted())).block();
		assertThat(waiting()).isEqualTo(4);
		assertThat(TestKafka.records(Topics.ACCOUNTS.name(), this.did, 1, Duration.ofSeconds(2))).isEmpty();

		this.relay.start();

		List<ConsumerRecord<String, String>> records = TestKafka.records(Topics.ACCOUNTS.name(), this.did, 4,
				Duration.ofSeconds(20));
		assertThat(records).extracting(ConsumerRecord::value).satisfiesExactly(
				(v) -> assertThat(v).contains("Asia/Tokyo"), (v) -> assertThat(v).contains("Europe/Paris"),
				(v) -> assertThat(v).contains("America/New_York"), (v) -> assertThat(v).contains("AccountDeleted"));
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (waiting() > 0 && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(waiting()).isZero();
	}

	@Test
	void anEventOutsideATransactionIsRefused() {
		assertThatThrownBy(() -> this.outbox.append(deleted()).block()).isInstanceOf(NoTransactionException.class);
		assertThat(waiting()).isZero();
	}

	private long waiting() {
		return this.database.sql("SELECT count(*) FROM event_outbox WHERE event_key = :did")
			.bind("did", this.did)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
	}

	private AccountSettingsChanged settings(String zone) {
		return AccountSettingsChanged.of(EventMetadata.now(), this.did,
				new AccountSettings(ZoneId.of(zone), AccountSettings.ArchiveVisibility.PUBLIC, true));
	}

	private AccountDeleted deleted() {
		return AccountDeleted.of(EventMetadata.now(), this.did, AccountDeleted.Reason.USER_REQUEST);
	}

}
