package dev.skylog.auth.account.events;

import java.net.URI;
import java.time.Clock;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.skylog.events.EventMetadata;
import dev.skylog.events.Topics;
import dev.skylog.events.account.AccountDeleted;
import dev.skylog.events.account.AccountLinked;
import dev.skylog.events.account.AccountReauthRequired;
import dev.skylog.events.account.AccountSettings;
import dev.skylog.events.account.AccountSettingsChanged;
import dev.skylog.events.kafka.EventPublisher;

/**
 * What auth-service tells the rest of Skylog about accounts. Each call completes when Kafka has acknowledged
 * the record, so an API call that answers success has been announced.
 */
@Component
public class AccountAnnouncements {

	private final EventPublisher publisher;

	private final Clock clock;

	public AccountAnnouncements(EventPublisher publisher, Clock clock) {
		this.publisher = publisher;
		this.clock = clock;
	}

	public Mono<Void> linked(String did, String handle, URI pdsUrl, boolean firstLink, AccountSettings settings) {
		return send(AccountLinked.of(meta(), did, handle, pdsUrl, firstLink, settings));
	}

	public Mono<Void> settingsChanged(String did, AccountSettings settings) {
		return send(AccountSettingsChanged.of(meta(), did, settings));
	}

	public Mono<Void> reauthRequired(String did, String reason) {
		return send(AccountReauthRequired.of(meta(), did, reason));
	}

	public Mono<Void> deleted(String did, AccountDeleted.Reason reason) {
		return send(AccountDeleted.of(meta(), did, reason));
	}

	private EventMetadata meta() {
		return EventMetadata.now(this.clock);
	}

	private Mono<Void> send(dev.skylog.events.account.AccountEvent event) {
		return Mono.fromFuture(() -> this.publisher.publish(Topics.ACCOUNTS, event)).then();
	}

}
