package dev.skylog.auth.account.events;

import java.net.URI;
import java.time.Clock;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.skylog.auth.outbox.EventOutbox;
import dev.skylog.events.EventMetadata;
import dev.skylog.events.account.AccountDeleted;
import dev.skylog.events.account.AccountEvent;
import dev.skylog.events.account.AccountLinked;
import dev.skylog.events.account.AccountReauthRequired;
import dev.skylog.events.account.AccountSettings;
import dev.skylog.events.account.AccountSettingsChanged;

/**
 * What auth-service tells the rest of Skylog about accounts. Each announcement is written to the outbox in the
 * transaction of the change it announces (every method must run inside it) and relayed to Kafka once that
 * commits: a change that answered success reaches archive, stats and the scheduler even if the broker is down
 * at that moment or this process dies right after the commit.
 */
@Component
public class AccountAnnouncements {

	private final EventOutbox outbox;

	private final Clock clock;

	public AccountAnnouncements(EventOutbox outbox, Clock clock) {
		this.outbox = outbox;
		this.clock = clock;
	}

	public Mono<Void> linked(String did, String handle, URI pdsUrl, boolean firstLink, AccountSettings settings) {
		return send(() -> AccountLinked.of(meta(), did, handle, pdsUrl, firstLink, settings));
	}

	public Mono<Void> settingsChanged(String did, AccountSettings settings) {
		return send(() -> AccountSettingsChanged.of(meta(), did, settings));
	}

	public Mono<Void> reauthRequired(String did, String reason) {
		return send(() -> AccountReauthRequired.of(meta(), did, reason));
	}

	public Mono<Void> deleted(String did, AccountDeleted.Reason reason) {
		return send(() -> AccountDeleted.of(meta(), did, reason));
	}

	private EventMetadata meta() {
		return EventMetadata.now(this.clock);
	}

	// Dated when the transaction writes it, after the change it announces, not when the chain was put together.
	private Mono<Void> send(Supplier<AccountEvent> event) {
		return Mono.defer(() -> this.outbox.append(event.get()));
	}

}
