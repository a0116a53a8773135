package dev.skylog.stats.rebuild.domain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * {@code --skylog.stats.rebuild.command-line=true}: rebuild once at start; the application then exits 0
 * (completed) or 1 (failed) — the Kubernetes Job mode. Run it with {@code --spring.kafka.listener.auto-startup=false
 * --spring.main.web-application-type=none} so the Job only rebuilds; the serving pods' listeners keep going.
 */
@Component
@ConditionalOnBooleanProperty("skylog.stats.rebuild.command-line")
public class RebuildCommandLine implements ApplicationRunner, ExitCodeGenerator {

	private static final Logger logger = LoggerFactory.getLogger(RebuildCommandLine.class);

	private final StatsRebuild rebuild;

	private volatile int exitCode = 1;

	RebuildCommandLine(StatsRebuild rebuild) {
		this.rebuild = rebuild;
	}

	@Override
	public void run(ApplicationArguments args) {
		RebuildStatus status = this.rebuild.runNow();
		logger.info("Rebuild finished: {}", status);
		this.exitCode = (status.state() == RebuildStatus.State.COMPLETED) ? 0 : 1;
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
