package dev.skylog.scheduler.sync.domain;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Runs a scheduling round every {@code skylog.sync.poll-interval}, measured from the end of the previous one so
 * rounds of one replica never overlap. Replicas run their rounds independently; the claiming statement keeps
 * them from requesting an account twice.
 */
@Component
public class SyncRounds implements SchedulingConfigurer {

	private static final Logger logger = LoggerFactory.getLogger(SyncRounds.class);

	// Far longer than a round takes; only a database that stopped answering reaches it.
	private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(2);

	private final SyncCoordinator coordinator;

	private final SyncProperties properties;

	public SyncRounds(SyncCoordinator coordinator, SyncProperties properties) {
		this.coordinator = coordinator;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::run, this.properties.pollInterval());
	}

	/** One round, now; what the schedule runs. Answers how many syncs were requested. */
	public long run() {
		try {
			Long requested = this.coordinator.round().block(ROUND_TIMEOUT);
			if (requested != null && requested > 0) {
				logger.info("Requested {} scheduled syncs", requested);
			}
			return (requested != null) ? requested : 0;
		}
		catch (RuntimeException ex) {
			// The next round retries; a failure here must not end the schedule.
			logger.warn("Scheduling round failed: {}", ex.toString());
			return 0;
		}
	}

}
