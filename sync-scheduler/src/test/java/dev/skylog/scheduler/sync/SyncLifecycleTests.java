package dev.skylog.scheduler.sync;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;

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
import dev.skylog.events.account.AccountDeleted;
import dev.skylog.events.account.AccountEvent;
import dev.skylog.events.account.AccountLinked;
import dev.skylog.events.account.AccountReauthRequired;
import dev.skylog.events.account.AccountSettings;
import dev.skylog.events.account.AccountSettingsChanged;
import dev.skylog.events.kafka.EventPublisher;
import dev.skylog.events.sync.SyncCheckpoint;
import dev.skylog.events.sync.SyncCompleted;
import dev.skylog.events.sync.SyncFailed;
import dev.skylog.events.sync.SyncProgress;
import dev.skylog.events.sync.SyncRequested;
import dev.skylog.events.sync.SyncStatusEvent;
import dev.skylog.scheduler.AdjustableClockConfiguration;
import dev.skylog.scheduler.sync.domain.RequestOutcome;
import dev.skylog.scheduler.sync.domain.SyncCoordinator;
import dev.skylog.scheduler.sync.domain.SyncMetrics;
import dev.skylog.scheduler.sync.domain.SyncOutcome;
import dev.skylog.scheduler.sync.domain.SyncRounds;
import dev.skylog.scheduler.sync.domain.SyncState;
import dev.skylog.scheduler.sync.domain.SyncStatus;
import dev.skylog.scheduler.sync.persistence.SyncStateRepository;
import dev.skylog.testkit.kafka.TestKafka;
import dev.skylog.testkit.postgres.TestPostgres;
import dev.skylog.testkit.time.AdjustableClock;

import static dev.skylog.scheduler.sync.SyncTestEvents.awaitRequests;
import static dev.skylog.scheduler.sync.SyncTestEvents.checkpointWithCursor;
import static dev.skylog.scheduler.sync.SyncTestEvents.linked;
import static dev.skylog.scheduler.sync.SyncTestEvents.newDid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * An account's syncs as the scheduler sees them on the real broker: auth-service's account events and the
 * fetcher's reports in, SyncRequested out, state in the real database. Rounds run when a test says so (the
 * schedule is an hour apart here), and time moves only when a test moves the clock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "skylog.sync.poll-interval=1h" })
@Import(AdjustableClockConfiguration.class)
// Each scheduler context consumes as the group "sync-scheduler": one at a time, or they would split partitions.
@DirtiesContext
class SyncLifecycleTests {

	@DynamicPropertySource
	static void realDependencies(DynamicPropertyRegistry registry) {
		TestKafka.registerProperties(registry);
		TestPostgres.freshDatabase("scheduler_lifecycle").registerProperties(registry);
	}

	@Autowired
	EventPublisher publisher;

	@Autowired
	SyncStateRepository states;

	@Autowired
	SyncRounds rounds;

	@Autowired
	SyncCoordinator coordinator;

	@Autowired
	AdjustableClock clock;

	@Autowired
	MeterRegistry meters;

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void aLinkedAccountIsRequestedAtOnceAsALogin() {
		String did = newDid();

		account(linked(did, this.clock));

		SyncRequested request = awaitRequests(did, 1).get(0);
		assertThat(request.trigger()).isEqualTo(SyncRequested.Trigger.LOGIN);
		assertThat(request.checkpoint()).isEqualTo(SyncCheckpoint.empty());
		assertThat(request.leaseExpiresAt()).isCloseTo(this.clock.instant().plus(Duration.ofMinutes(15)),
				within(Duration.ofMinutes(1)));
		SyncState state = this.states.findByDid(did).block();
		assertThat(state.leaseId()).isEqualTo(request.syncId());
		assertThat(state.leaseExpiresAt()).isEqualTo(request.leaseExpiresAt());
		assertThat(state.status(this.clock.instant())).isEqualTo(SyncStatus.IN_FLIGHT);
		assertThat(state.lastTrigger()).isEqualTo(SyncRequested.Trigger.LOGIN);
	}

	@Test
	void progressMovesTheCheckpointAndCompletionReleasesTheLeaseUntilAnHourLater() {
		String did = newDid();
		account(linked(did, this.clock));
		SyncRequested login = awaitRequests(did, 1).get(0);

		SyncCheckpoint halfWay = checkpointWithCursor("page-7");
		status(SyncProgress.of(meta(), did, login.syncId(), halfWay, 700, 40));
		SyncState progressed = awaitState(did, (state) -> state.syncPosts() == 700);
		assertThat(progressed.checkpoint()).isEqualTo(halfWay);
		assertThat(progressed.syncLikes()).isEqualTo(40);
		assertThat(progressed.leaseExpiresAt()).as("progress extends the lease").isAfter(login.leaseExpiresAt());

		SyncCheckpoint done = checkpointWithCursor("done");
		status(SyncCompleted.of(meta(), did, login.syncId(), done, 1000, 55, 14));
		SyncState completed = awaitState(did, (state) -> state.leaseId() == null);
		assertThat(completed.checkpoint()).isEqualTo(done);
		assertThat(completed.lastOutcome()).isEqualTo(SyncOutcome.COMPLETED);
		assertThat(completed.consecutiveFailures()).isZero();
		assertThat(completed.lastCompletedAt()).isCloseTo(this.clock.instant(), within(Duration.ofMinutes(1)));
		assertThat(completed.dueAt()).isCloseTo(completed.lastCompletedAt().plus(Duration.ofHours(1)),
				within(Duration.ofSeconds(1)));
		assertThat(completed.postsFetched()).isEqualTo(1000);
		assertThat(completed.likesFetched()).isEqualTo(55);
		assertThat(completed.status(this.clock.instant())).isEqualTo(SyncStatus.IDLE);

		this.rounds.run();
		awaitRequests(did, 1);

		this.clock.advance(Duration.ofMinutes(61));
		this.rounds.run();
		SyncRequested scheduled = awaitRequests(did, 2).get(1);
		assertThat(scheduled.trigger()).isEqualTo(SyncRequested.Trigger.SCHEDULE);
		assertThat(scheduled.checkpoint()).as("the next sync starts where the last ended").isEqualTo(done);
		assertThat(scheduled.syncId()).isNotEqualTo(login.syncId());
	}

	@Test
	void failedSyncsReleaseTheLeaseAndBackOffLongerEachTime() {
		String did = newDid();
		account(linked(did, this.clock));
		SyncRequested first = awaitRequests(did, 1).get(0);

		status(SyncFailed.of(meta(), did, first.syncId(), SyncFailed.Reason.UPSTREAM_UNAVAILABLE, "PDS answered 503",
				true));
		SyncState once = awaitState(did, (state) -> state.consecutiveFailures() == 1);
		Duration firstWait = Duration.between(once.lastFailedAt(), once.dueAt());
		assertThat(once.leaseId()).isNull();
		assertThat(once.lastOutcome()).isEqualTo(SyncOutcome.FAILED);
		assertThat(once.lastFailureReason()).isEqualTo(SyncFailed.Reason.UPSTREAM_UNAVAILABLE);
		assertThat(once.status(this.clock.instant())).isEqualTo(SyncStatus.BACKING_OFF);
		assertThat(firstWait).isBetween(Duration.ofMinutes(1), Duration.ofSeconds(75));

		this.rounds.run();
		awaitRequests(did, 1);

		this.clock.advance(firstWait.plusSeconds(1));
		this.rounds.run();
		SyncRequested retry = awaitRequests(did, 2).get(1);
		assertThat(retry.trigger()).isEqualTo(SyncRequested.Trigger.SCHEDULE);
		status(SyncFailed.of(meta(), did, retry.syncId(), SyncFailed.Reason.RATE_LIMITED, "429 past the wait", true));
		SyncState twice = awaitState(did, (state) -> state.consecutiveFailures() == 2);
		Duration secondWait = Duration.between(twice.lastFailedAt(), twice.dueAt());
		assertThat(secondWait).isBetween(Duration.ofMinutes(2), Duration.ofSeconds(150)).isGreaterThan(firstWait);
		assertThat(twice.leaseId()).isNull();

		this.clock.advance(secondWait.plusSeconds(1));
		this.rounds.run();
		SyncRequested third = awaitRequests(did, 3).get(2);
		status(SyncCompleted.of(meta(), did, third.syncId(), SyncCheckpoint.empty(), 0, 0, 2));
		SyncState recovered = awaitState(did, (state) -> state.leaseId() == null);
		assertThat(recovered.consecutiveFailures()).as("a success forgets the failures").isZero();
		assertThat(recovered.lastFailureReason()).isNull();
	}

	@Test
	void aReportForAnotherSyncChangesNothing() {
		String did = newDid();
		account(linked(did, this.clock));
		SyncRequested current = awaitRequests(did, 1).get(0);
		double staleBefore = stale("SyncCompleted");

		status(SyncCompleted.of(meta(), did, UUID.randomUUID(), checkpointWithCursor("from-an-old-sync"), 999, 9, 3));
		// Same account, so same partition: once this later report shows, the stale one was handled before it.
		SyncCheckpoint halfWay = checkpointWithCursor("current");
		status(SyncProgress.of(meta(), did, current.syncId(), halfWay, 3, 0));
		SyncState state = awaitState(did, (s) -> s.syncPosts() == 3);

		assertThat(state.leaseId()).isEqualTo(current.syncId());
		assertThat(state.checkpoint()).isEqualTo(halfWay);
		assertThat(state.lastOutcome()).isNull();
		assertThat(state.lastCompletedAt()).isNull();
		assertThat(state.postsFetched()).isZero();
		assertThat(stale("SyncCompleted") - staleBefore).isGreaterThanOrEqualTo(1.0);
	}

	@Test
	void aRedeliveredEndOfASyncCountsOnce() {
		String did = newDid();
		account(linked(did, this.clock));
		SyncRequested request = awaitRequests(did, 1).get(0);
		double staleBefore = stale("SyncCompleted");

		SyncCompleted completed = SyncCompleted.of(meta(), did, request.syncId(), checkpointWithCursor("end"), 12, 3, 4);
		status(completed);
		status(completed);

		await().atMost(Duration.ofSeconds(30)).until(() -> stale("SyncCompleted") - staleBefore >= 1.0);
		SyncState state = this.states.findByDid(did).block();
		assertThat(state.postsFetched()).isEqualTo(12);
		assertThat(state.likesFetched()).isEqualTo(3);
	}

	@Test
	void aRedeliveredLoginDoesNotRequestAnotherSync() {
		String did = newDid();
		AccountLinked login = linked(did, this.clock);
		account(login);
		SyncRequested request = awaitRequests(did, 1).get(0);
		status(SyncCompleted.of(meta(), did, request.syncId(), SyncCheckpoint.empty(), 1, 0, 3));
		awaitState(did, (state) -> state.leaseId() == null);

		account(login);
		account(AccountSettingsChanged.of(meta(), did, AccountSettings.defaults()));
		// A later event on the same partition: once it shows, the redelivered login was handled.
		account(AccountReauthRequired.of(meta(), did, "refresh token revoked"));
		awaitState(did, SyncState::reauthRequired);

		awaitRequests(did, 1);
	}

	@Test
	void anAccountThatMustLogInAgainWaitsForItsNextLogin() {
		String did = newDid();
		account(linked(did, this.clock));
		SyncRequested beforeReauth = awaitRequests(did, 1).get(0);

		account(AccountReauthRequired.of(meta(), did, "refresh token revoked"));
		SyncState parked = awaitState(did, SyncState::reauthRequired);
		assertThat(parked.leaseId()).as("the lease is released").isNull();
		assertThat(parked.status(this.clock.instant())).isEqualTo(SyncStatus.REAUTH_REQUIRED);

		this.clock.advance(Duration.ofHours(2));
		this.rounds.run();
		assertThat(this.coordinator.request(did, SyncRequested.Trigger.MANUAL).block())
			.isInstanceOf(RequestOutcome.WaitingForLogin.class);
		awaitRequests(did, 1);

		account(linked(did, this.clock));
		SyncRequested afterLogin = awaitRequests(did, 2).get(1);
		assertThat(afterLogin.trigger()).isEqualTo(SyncRequested.Trigger.LOGIN);
		assertThat(afterLogin.syncId()).isNotEqualTo(beforeReauth.syncId());
		assertThat(this.states.findByDid(did).block().reauthRequired()).isFalse();
	}

	@Test
	void aSyncThatFailsForWantOfALoginParksTheAccountToo() {
		String did = newDid();
		account(linked(did, this.clock));
		SyncRequested request = awaitRequests(did, 1).get(0);

		status(SyncFailed.of(meta(), did, request.syncId(), SyncFailed.Reason.REAUTH_REQUIRED, "refresh refused",
				false));
		SyncState parked = awaitState(did, SyncState::reauthRequired);
		assertThat(parked.leaseId()).isNull();
		assertThat(parked.lastFailureReason()).isEqualTo(SyncFailed.Reason.REAUTH_REQUIRED);

		this.clock.advance(Duration.ofHours(7));
		this.rounds.run();
		awaitRequests(did, 1);
	}

	@Test
	void aDeletedAccountLosesItsState() {
		String did = newDid();
		account(linked(did, this.clock));
		SyncRequested request = awaitRequests(did, 1).get(0);

		account(AccountDeleted.of(meta(), did, AccountDeleted.Reason.USER_REQUEST));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.states.findByDid(did).blockOptional().isEmpty());

		// The fetcher's late report finds nothing to change and brings nothing back.
		double staleBefore = stale("SyncCompleted");
		status(SyncCompleted.of(meta(), did, request.syncId(), SyncCheckpoint.empty(), 5, 0, 2));
		await().atMost(Duration.ofSeconds(30)).until(() -> stale("SyncCompleted") - staleBefore >= 1.0);
		assertThat(this.states.findByDid(did).blockOptional()).isEmpty();
	}

	private void account(AccountEvent event) {
		SyncTestEvents.publish(this.publisher, Topics.ACCOUNTS, event);
	}

	private void status(SyncStatusEvent event) {
		SyncTestEvents.publish(this.publisher, Topics.SYNC_STATUS, event);
	}

	private EventMetadata meta() {
		return EventMetadata.now(this.clock);
	}

	private SyncState awaitState(String did, Predicate<SyncState> condition) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> this.states.findByDid(did).block(), (state) -> state != null && condition.test(state));
	}

	private double stale(String event) {
		return this.meters.get(SyncMetrics.STALE_REPORTS).tag("event", event).counter().count();
	}

}
