package dev.skylog.scheduler.sync.domain;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When accounts are synced.
 *
 * @param interval the time between the end of one successful sync and the next request
 * @param lease how long a requested sync may run without reporting before the account is requested again;
 * every SyncProgress extends it by as much
 * @param pollInterval how often a round looks for due accounts
 * @param claimBatchSize how many accounts one claiming statement takes; a round repeats it while batches
 * come back full
 * @param backoff the wait after failed syncs
 */
@ConfigurationProperties("skylog.sync")
public record SyncProperties(@DefaultValue("1h") Duration interval, @DefaultValue("15m") Duration lease,
		@DefaultValue("30s") Duration pollInterval, @DefaultValue("100") int claimBatchSize,
		@DefaultValue Backoff backoff) {

	public SyncProperties {
		requirePositive(interval, "skylog.sync.interval");
		requirePositive(lease, "skylog.sync.lease");
		requirePositive(pollInterval, "skylog.sync.poll-interval");
		if (claimBatchSize < 1) {
			throw new IllegalArgumentException("skylog.sync.claim-batch-size must be positive");
		}
	}

	/**
	 * Exponential backoff: {@code base} after the first failure, doubling with each further one up to {@code max},
	 * then stretched by a random share of up to {@code jitter} so that accounts failing together (a PDS that was
	 * down) do not come back together.
	 */
	public record Backoff(@DefaultValue("1m") Duration base, @DefaultValue("6h") Duration max,
			@DefaultValue("0.25") double jitter) {

		public Backoff {
			requirePositive(base, "skylog.sync.backoff.base");
			requirePositive(max, "skylog.sync.backoff.max");
			if (jitter < 0 || jitter > 1) {
				throw new IllegalArgumentException("skylog.sync.backoff.jitter must be between 0 and 1");
			}
		}

	}

	private static void requirePositive(Duration duration, String property) {
		if (duration == null || duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(property + " must be a positive duration");
		}
	}

}
