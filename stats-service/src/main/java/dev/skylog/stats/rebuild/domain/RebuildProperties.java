package dev.skylog.stats.rebuild.domain;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param batchSize events applied per transaction while replaying
 * @param pollTimeout how long one poll of the topics waits
 * @param commandLine run one rebuild at start, then exit with 0 (done) or 1 (failed): the Kubernetes Job mode
 * @param consumers consumers replaying at once, each its own share of the partitions on its own thread
 */
@ConfigurationProperties("skylog.stats.rebuild")
public record RebuildProperties(@DefaultValue("2000") int batchSize, @DefaultValue("1s") Duration pollTimeout,
		@DefaultValue("false") boolean commandLine, @DefaultValue("2") int consumers) {
}
