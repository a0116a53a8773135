package dev.skylog.scheduler.sync;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.skylog.events.EventMetadata;
import dev.skylog.events.Topics;
import dev.skylog.events.kafka.EventPublisher;
import dev.skylog.events.sync.SyncCheckpoint;
import dev.skylog.events.sync.SyncCompleted;
import dev.skylog.events.sync.SyncRequested;
import dev.skylog.scheduler.AdjustableClockConfiguration;
import dev.skylog.scheduler.sync.domain.SyncMetrics;
import dev.skylog.scheduler.sync.persistence.SyncStateRepository;
import dev.skylog.testkit.kafka.TestKafka;
import dev.skylog.testkit.postgres.TestPostgres;
import dev.skylog.testkit.time.AdjustableClock;

import static dev.skylog.scheduler.sync.SyncTestEvents.awaitRequests;
import static dev.skylog.scheduler.sync.SyncTestEvents.linked;
import static dev.skylog.scheduler.sync.SyncTestEvents.newDid;
import static dev.skylog.scheduler.sync.SyncTestEvents.requests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * A fetcher that took a sync and died never reports. Its lease runs out and the schedule, running on its own
 * here every 200 ms, hands the account out again; the dead holder's late report then counts for nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "skylog.sync.poll-interval=200ms" })
@Import(AdjustableClockConfiguration.class)
@DirtiesContext
class LeaseExpiryTests {

	@DynamicPropertySource
	static void realDependencies(DynamicPropertyRegistry registry) {
		TestKafka.registerProperties(registry);
		TestPostgres.freshDatabase("scheduler_leases").registerProperties(registry);
	}

	@Autowired
	EventPublisher publisher;

	@Autowired
	SyncStateRepository states;

	@Autowired
	AdjustableClock clock;

	@Autowired
	MeterRegistry meters;

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void aLeaseWhoseHolderDiedRunsOutAndTheAccountIsRequestedAgain() {
		String did = newDid();
		SyncTestEvents.publish(this.publisher, Topics.ACCOUNTS, linked(did, this.clock));
		SyncRequested orphaned = awaitRequests(did, 1).get(0);
		// awaitRequests watched for a second request for two seconds: about ten rounds left the lease alone.
		double expiredBefore = this.meters.get(SyncMetrics.EXPIRED_LEASES).counter().count();

		this.clock.advance(Duration.ofMinutes(16));

		SyncRequested again = requests(did, 2, Duration.ofSeconds(30)).get(1);
		assertThat(again.trigger()).isEqualTo(SyncRequested.Trigger.SCHEDULE);
		assertThat(again.syncId()).isNotEqualTo(orphaned.syncId());
		assertThat(again.leaseExpiresAt()).isCloseTo(this.clock.instant().plus(Duration.ofMinutes(15)),
				within(Duration.ofMinutes(1)));
		assertThat(this.meters.get(SyncMetrics.EXPIRED_LEASES).counter().count() - expiredBefore).isEqualTo(1.0);
		assertThat(this.states.findByDid(did).block().leaseId()).isEqualTo(again.syncId());

		double staleBefore = this.meters.get(SyncMetrics.STALE_REPORTS).tag("event", "SyncCompleted").counter().count();
		SyncTestEvents.publish(this.publisher, Topics.SYNC_STATUS, SyncCompleted.of(EventMetadata.now(this.clock), did,
				orphaned.syncId(), SyncCheckpoint.empty(), 10, 0, 2));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.meters.get(SyncMetrics.STALE_REPORTS).tag("event", "SyncCompleted").counter().count()
					- staleBefore >= 1.0);
		assertThat(this.states.findByDid(did).block().leaseId()).as("the new holder keeps its lease")
			.isEqualTo(again.syncId());
		awaitRequests(did, 2);
	}

}
