package dev.skylog.auth.login.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after a few failed logins from one IP address for one identifier, further
 * attempts are refused until the oldest failure ages out, before Bluesky is even asked (whose own limit, 30 per
 * 5 minutes per identifier, would otherwise lock the real owner out too). Per replica; the gateway limits
 * across replicas.
 */
@Component
public class LoginThrottle {

	private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

	private final LoginThrottleProperties properties;

	private final Clock clock;

	public LoginThrottle(LoginThrottleProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/** How long the caller must wait, if it must. */
	public Optional<Duration> waitFor(String clientAddress, String identifier) {
		Deque<Instant> recent = this.failures.get(key(clientAddress, identifier));
		if (recent == null) {
			return Optional.empty();
		}
		synchronized (recent) {
			Instant now = this.clock.instant();
			prune(recent, now);
			if (recent.size() < this.properties.maxFailures()) {
				return Optional.empty();
			}
			Duration wait = Duration.between(now, recent.peekFirst().plus(this.properties.window()));
			return Optional.of(wait.isNegative() ? Duration.ofSeconds(1) : wait);
		}
	}

	public void failed(String clientAddress, String identifier) {
		Deque<Instant> recent = this.failures.computeIfAbsent(key(clientAddress, identifier), (k) -> new ArrayDeque<>());
		synchronized (recent) {
			prune(recent, this.clock.instant());
			recent.addLast(this.clock.instant());
		}
		if (this.failures.size() > 100_000) {
			this.failures.entrySet().removeIf((entry) -> {
				synchronized (entry.getValue()) {
					prune(entry.getValue(), this.clock.instant());
					return entry.getValue().isEmpty();
				}
			});
		}
	}

	public void succeeded(String clientAddress, String identifier) {
		this.failures.remove(key(clientAddress, identifier));
	}

	private void prune(Deque<Instant> recent, Instant now) {
		while (!recent.isEmpty() && !recent.peekFirst().plus(this.properties.window()).isAfter(now)) {
			recent.pollFirst();
		}
	}

	private static String key(String clientAddress, String identifier) {
		return clientAddress + "|" + identifier.toLowerCase(Locale.ROOT);
	}

}
