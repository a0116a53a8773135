package dev.skylog.events.kafka;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Runs a record listener's effect to its end on the consumer thread, as {@link BatchRecords} does for batches:
 * the record is done (and its offset may be committed) only when its effect is stored. Retries are the shared
 * error handler's alone: a database that does not answer — refusing, or hanging past the timeout — is a
 * {@link StorageOutage}, waited out for as long as it takes; any other failure is the record's, dead-lettered
 * after the handler's few retries.
 */
public final class ListenerEffects {

	// Well within the consumer's max.poll.interval.ms (5 min): a hanging database is an outage, not a lost member.
	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private ListenerEffects() {
	}

	public static void complete(Mono<Void> effect) {
		try {
			effect.timeout(TIMEOUT).block();
		}
		catch (RuntimeException ex) {
			throw StorageOutage.isOutage(ex) ? new StorageOutage(ex) : ex;
		}
	}

}
