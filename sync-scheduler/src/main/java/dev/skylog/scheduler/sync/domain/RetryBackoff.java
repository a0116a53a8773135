package dev.skylog.scheduler.sync.domain;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** How long an account waits after its {@code n}th failed sync in a row. */
public final class RetryBackoff {

	private final SyncProperties.Backoff settings;

	private final DoubleSupplier random;

	public RetryBackoff(SyncProperties.Backoff settings, DoubleSupplier random) {
		this.settings = settings;
		this.random = random;
	}

	public Duration after(int consecutiveFailures) {
		Duration delay = this.settings.max();
		int doublings = Math.max(0, consecutiveFailures - 1);
		// Past 2^30 × base every realistic cap is exceeded; the shift stays clear of overflow.
		if (doublings < 31) {
			long millis = this.settings.base().toMillis();
			if (millis <= this.settings.max().toMillis() >> doublings) {
				delay = Duration.ofMillis(millis << doublings);
			}
		}
		long jitterMillis = (long) (delay.toMillis() * this.settings.jitter() * this.random.getAsDouble());
		return delay.plusMillis(jitterMillis);
	}

	/** The wait after a failure that retrying soon cannot fix (a malformed answer, an account gone). */
	public Duration afterPermanentFailure() {
		return this.settings.max();
	}

}
