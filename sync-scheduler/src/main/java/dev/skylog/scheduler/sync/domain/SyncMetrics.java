package dev.skylog.scheduler.sync.domain;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import dev.skylog.events.sync.SyncFailed;
import dev.skylog.events.sync.SyncRequested;

/**
 * The scheduler's meters. Every counter exists from the start (at zero), so a dashboard's rate() has a series
 * before the first event of its kind.
 */
@Component
public class SyncMetrics {

	/** {@code skylog_sync_requests_total{trigger}}: SyncRequested sent. */
	public static final String REQUESTS = "skylog.sync.requests";

	/** {@code skylog_sync_outcomes_total{outcome,reason}}: syncs ended, by how. */
	public static final String OUTCOMES = "skylog.sync.outcomes";

	/** {@code skylog_sync_reports_stale_total{event}}: reports whose syncId is not the account's lease. */
	public static final String STALE_REPORTS = "skylog.sync.reports.stale";

	/** {@code skylog_sync_leases_expired_total}: leases that ran out without a report (a fetcher died). */
	public static final String EXPIRED_LEASES = "skylog.sync.leases.expired";

	/** {@code skylog_sync_accounts{state}}: accounts due, in flight and waiting for a login. */
	public static final String ACCOUNTS = "skylog.sync.accounts";

	private final MeterRegistry meters;

	private final AtomicLong due = new AtomicLong();

	private final AtomicLong inFlight = new AtomicLong();

	private final AtomicLong reauthRequired = new AtomicLong();

	public SyncMetrics(MeterRegistry meters) {
		this.meters = meters;
		for (SyncRequested.Trigger trigger : SyncRequested.Trigger.values()) {
			requestCounter(trigger);
		}
		outcomeCounter("completed", "none");
		for (SyncFailed.Reason reason : SyncFailed.Reason.values()) {
			outcomeCounter("failed", reason.name());
		}
		for (String event : new String[] { "SyncProgress", "SyncCompleted", "SyncFailed" }) {
			staleCounter(event);
		}
		Counter.builder(EXPIRED_LEASES).description("Leases that ran out without a report").register(meters);
		gauge("due", this.due);
		gauge("in_flight", this.inFlight);
		gauge("reauth_required", this.reauthRequired);
	}

	public void requested(SyncRequested.Trigger trigger) {
		requestCounter(trigger).increment();
	}

	public void completed() {
		outcomeCounter("completed", "none").increment();
	}

	public void failed(SyncFailed.Reason reason) {
		outcomeCounter("failed", reason.name()).increment();
	}

	public void staleReport(String event) {
		staleCounter(event).increment();
	}

	public void leaseExpired() {
		this.meters.counter(EXPIRED_LEASES).increment();
	}

	public void accountsDue(long count) {
		this.due.set(count);
	}

	public void accountsInFlight(long count) {
		this.inFlight.set(count);
	}

	public void accountsWaitingForLogin(long count) {
		this.reauthRequired.set(count);
	}

	private Counter requestCounter(SyncRequested.Trigger trigger) {
		return Counter.builder(REQUESTS).description("SyncRequested sent")
			.tag("trigger", trigger.name())
			.register(this.meters);
	}

	private Counter outcomeCounter(String outcome, String reason) {
		return Counter.builder(OUTCOMES).description("Syncs ended")
			.tag("outcome", outcome)
			.tag("reason", reason)
			.register(this.meters);
	}

	private Counter staleCounter(String event) {
		return Counter.builder(STALE_REPORTS).description("Fetcher reports for a lease that is no longer current")
			.tag("event", event)
			.register(this.meters);
	}

	private void gauge(String state, AtomicLong value) {
		Gauge.builder(ACCOUNTS, value, AtomicLong::get).description("Accounts by sync state, as of the last round")
			.tag("state", state)
			.register(this.meters);
	}

}
