package dev.skylog.scheduler.sync.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.skylog.events.sync.SyncCheckpoint;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBackoffTest {

	private final SyncProperties.Backoff settings = new SyncProperties.Backoff(Duration.ofMinutes(1),
			Duration.ofHours(6), 0.25);

	@Test
	void startsAtTheBaseAndDoubles() {
		RetryBackoff backoff = new RetryBackoff(this.settings, () -> 0.0);

		assertThat(backoff.after(1)).isEqualTo(Duration.ofMinutes(1));
		assertThat(backoff.after(2)).isEqualTo(Duration.ofMinutes(2));
		assertThat(backoff.after(3)).isEqualTo(Duration.ofMinutes(4));
		assertThat(backoff.after(9)).isEqualTo(Duration.ofMinutes(256));
	}

	@Test
	void stopsGrowingAtTheCapEvenAfterVeryManyFailures() {
		RetryBackoff backoff = new RetryBackoff(this.settings, () -> 0.0);

		assertThat(backoff.after(10)).isEqualTo(Duration.ofHours(6));
		assertThat(backoff.after(64)).isEqualTo(Duration.ofHours(6));
		assertThat(backoff.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(6));
		assertThat(backoff.afterPermanentFailure()).isEqualTo(Duration.ofHours(6));
	}

	@Test
	void jitterOnlyLengthensTheWaitByUpToItsShare() {
		RetryBackoff most = new RetryBackoff(this.settings, () -> 0.999999);

		assertThat(most.after(1)).isBetween(Duration.ofMinutes(1), Duration.ofSeconds(75));
		assertThat(most.after(20)).isBetween(Duration.ofHours(6), Duration.ofMinutes(450));
	}

	@Test
	void statusFollowsTheLeaseTheLoginAndTheFailures() {
		Instant now = Instant.parse("2026-03-01T12:00:00Z");
		SyncState idle = state(null, null, 0, false);

		assertThat(idle.status(now)).isEqualTo(SyncStatus.IDLE);
		assertThat(state(UUID.randomUUID(), now.plusSeconds(60), 0, false).status(now)).isEqualTo(SyncStatus.IN_FLIGHT);
		assertThat(state(UUID.randomUUID(), now.minusSeconds(1), 0, false).status(now))
			.as("a lease that ran out is not in flight").isEqualTo(SyncStatus.IDLE);
		assertThat(state(null, null, 2, false).status(now)).isEqualTo(SyncStatus.BACKING_OFF);
		assertThat(state(null, null, 2, true).status(now)).isEqualTo(SyncStatus.REAUTH_REQUIRED);
		assertThat(SyncStatus.IN_FLIGHT.wireName()).isEqualTo("in_flight");
	}

	private static SyncState state(UUID leaseId, Instant leaseExpiresAt, int failures, boolean reauth) {
		return new SyncState("did:plc:abc", Instant.EPOCH, leaseId, leaseExpiresAt, SyncCheckpoint.empty(), failures,
				null, null, null, null, null, null, null, null, reauth, 0, 0, 0, 0);
	}

}
