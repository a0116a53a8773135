package dev.skylog.auth.outbox;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the outbox is relayed to Kafka.
 *
 * @param pollInterval how often the relay looks for events when no commit woke it (another replica's commit,
 * a send that failed)
 * @param batchSize the most events one relay transaction sends (each send ends, acknowledged or failed, within
 * the producer's {@code delivery.timeout.ms})
 */
@Validated
@ConfigurationProperties("skylog.auth.outbox")
public record OutboxProperties(@NotNull @DefaultValue("1s") Duration pollInterval,
		@Min(1) @Max(10_000) @DefaultValue("200") int batchSize) {

}
