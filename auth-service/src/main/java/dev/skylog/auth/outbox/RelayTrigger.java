package dev.skylog.auth.outbox;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Wakes {@link OutboxRelay} when a transaction that appended events has committed, instead of its next poll. A pull
 * that comes while the relay is busy is remembered, so the relay looks again as soon as it is done.
 */
@Component
class RelayTrigger {

	private final Sinks.Many<Boolean> pulls = Sinks.many().multicast().directBestEffort();

	private final AtomicBoolean pulled = new AtomicBoolean();

	// Synchronized: a sink refuses emissions from two threads at once (commits end on many threads).
	synchronized void pull() {
		this.pulled.set(true);
		this.pulls.tryEmitNext(Boolean.TRUE);
	}

	Flux<Boolean> pulls() {
		return this.pulls.asFlux();
	}

	/** Whether a pull came since the last time this was asked. */
	boolean takePull() {
		return this.pulled.getAndSet(false);
	}

}
