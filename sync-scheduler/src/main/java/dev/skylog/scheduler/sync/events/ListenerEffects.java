package dev.skylog.scheduler.sync.events;

import java.time.Duration;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * Runs a listener's effect to its end on the consumer thread. A database that is briefly away (a failover, a
 * restart) is waited out here, for about half a minute, before the shared error handler's few quick retries and
 * the dead-letter topic: a dead-lettered AccountLinked would leave an account that never syncs.
 */
final class ListenerEffects {

	// Well within the consumer's max.poll.interval.ms (5 min), including the error handler's retries.
	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private static final RetryBackoffSpec DATABASE_AWAY = Retry.backoff(6, Duration.ofMillis(500))
		.maxBackoff(Duration.ofSeconds(15))
		.filter((ex) -> ex instanceof TransientDataAccessException || ex instanceof DataAccessResourceFailureException)
		.onRetryExhaustedThrow((spec, signal) -> signal.failure());

	private ListenerEffects() {
	}

	static void complete(Mono<Void> effect) {
		effect.retryWhen(DATABASE_AWAY).block(TIMEOUT);
	}

}
