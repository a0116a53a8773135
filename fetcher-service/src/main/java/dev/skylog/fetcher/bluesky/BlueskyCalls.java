package dev.skylog.fetcher.bluesky;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.ratelimiter.operator.RateLimiterOperator;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import dev.skylog.atproto.AtprotoClient;
import dev.skylog.atproto.server.SecretToken;
import dev.skylog.atproto.xrpc.RateLimitState;
import dev.skylog.atproto.xrpc.XrpcException;
import dev.skylog.atproto.xrpc.XrpcResult;

/**
 * Every call the fetcher makes to Bluesky goes through here, per host: a rate limiter with a budget well below
 * Bluesky's, a pause when a response says the window is nearly spent, waiting out a 429 until its reset instead
 * of hammering, retries with backoff and jitter for 5xx and timeouts, and a circuit breaker that stops calling a
 * host that keeps failing. The limiter and breaker live in resilience4j's registries, so they show on
 * {@code /actuator/prometheus} like any other.
 */
@Component
public class BlueskyCalls {

	static final String REQUESTS = "skylog.fetcher.bluesky.requests";

	static final String RATE_LIMIT_WAITS = "skylog.fetcher.bluesky.ratelimit.waits";

	private final AtprotoClient client;

	private final RateLimiterRegistry rateLimiters;

	private final CircuitBreakerRegistry circuitBreakers;

	private final BlueskyProperties properties;

	private final MeterRegistry meters;

	private final Clock clock;

	private final Map<String, AtomicReference<Instant>> pausedUntil = new ConcurrentHashMap<>();

	public BlueskyCalls(AtprotoClient client, RateLimiterRegistry rateLimiters, CircuitBreakerRegistry circuitBreakers,
			BlueskyProperties properties, MeterRegistry meters, Clock clock) {
		this.client = client;
		this.rateLimiters = rateLimiters;
		this.circuitBreakers = circuitBreakers;
		this.properties = properties;
		this.meters = meters;
		this.clock = clock;
	}

	public Mono<XrpcResult> query(URI pds, String method, Map<String, ?> parameters, SecretToken accessJwt) {
		String host = pds.getHost() + ":" + ((pds.getPort() > 0) ? pds.getPort() : 443);
		RateLimiter limiter = this.rateLimiters.rateLimiter("pds-" + host, this::rateLimiterConfig);
		CircuitBreaker breaker = this.circuitBreakers.circuitBreaker("pds-" + host, this::circuitBreakerConfig);
		AtomicReference<Instant> paused = this.pausedUntil.computeIfAbsent(host, this::newPause);
		Mono<XrpcResult> attempt = Mono.defer(() -> waitFor(paused.get()))
			.then(Mono.defer(() -> this.client.query(pds, method, parameters, accessJwt)))
			.doOnNext((result) -> {
				count(method, "200");
				pauseIfSpent(host, paused, result.rateLimit());
			})
			.doOnError((ex) -> count(method, status(ex)))
			.transformDeferred(RateLimiterOperator.of(limiter))
			.transformDeferred(CircuitBreakerOperator.of(breaker));
		return attempt.retryWhen(Retry.from((signals) -> signals.concatMap((signal) -> {
			Throwable failure = signal.failure();
			long attempts = signal.totalRetriesInARow();
			if (failure instanceof XrpcException xrpc && xrpc.isRateLimited()) {
				Duration wait = xrpc.retryAfter().orElse(Duration.ofSeconds(60));
				if (wait.compareTo(this.properties.maxRateLimitWait()) > 0 || attempts >= 3) {
					return Mono.error(failure);
				}
				// Everything else going to this host waits too: the limit is per IP, not per sync.
				paused.accumulateAndGet(this.clock.instant().plus(wait), (a, b) -> a.isAfter(b) ? a : b);
				this.meters.counter(RATE_LIMIT_WAITS, "host", host, "cause", "rate_limited").increment();
				return Mono.just(attempts);
			}
			if (isTransient(failure) && attempts < this.properties.retries()) {
				long base = this.properties.retryBackoff().toMillis() << attempts;
				return Mono.delay(Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1)));
			}
			return Mono.error(failure);
		})));
	}

	private Mono<Void> waitFor(Instant until) {
		Duration wait = Duration.between(this.clock.instant(), until);
		return (wait.isNegative() || wait.isZero()) ? Mono.empty() : Mono.delay(wait).then();
	}

	// Registered with a host's first call, so dashboards and alerts see a 0 rather than no data.
	private AtomicReference<Instant> newPause(String host) {
		this.meters.counter(RATE_LIMIT_WAITS, "host", host, "cause", "rate_limited");
		this.meters.counter(RATE_LIMIT_WAITS, "host", host, "cause", "reserve");
		return new AtomicReference<>(Instant.MIN);
	}

	private void pauseIfSpent(String host, AtomicReference<Instant> paused, RateLimitState state) {
		if (state.remaining() != null && state.reset() != null && state.remaining() <= this.properties.reserve()) {
			paused.accumulateAndGet(state.reset(), (a, b) -> a.isAfter(b) ? a : b);
			this.meters.counter(RATE_LIMIT_WAITS, "host", host, "cause", "reserve").increment();
		}
	}

	/** 5xx, timeouts and broken connections: worth another try. A 4xx is an answer. */
	public static boolean isTransient(Throwable failure) {
		if (failure instanceof XrpcException xrpc) {
			return xrpc.status() >= 500;
		}
		return failure instanceof TimeoutException || failure instanceof WebClientRequestException
				|| (failure instanceof WebClientResponseException response && response.getStatusCode().is5xxServerError());
	}

	private RateLimiterConfig rateLimiterConfig() {
		return RateLimiterConfig.custom()
			.limitForPeriod(this.properties.requestsPerSecond())
			.limitRefreshPeriod(Duration.ofSeconds(1))
			.timeoutDuration(Duration.ofMinutes(5))
			.build();
	}

	private CircuitBreakerConfig circuitBreakerConfig() {
		return CircuitBreakerConfig.custom()
			.slidingWindowSize(20)
			.minimumNumberOfCalls(10)
			.failureRateThreshold(50)
			.waitDurationInOpenState(this.properties.circuitOpenFor())
			.recordException(BlueskyCalls::isTransient)
			.build();
	}

	private void count(String method, String status) {
		this.meters.counter(REQUESTS, "method", method, "status", status).increment();
	}

	private static String status(Throwable ex) {
		if (ex instanceof XrpcException xrpc) {
			return Integer.toString(xrpc.status());
		}
		if (ex instanceof CallNotPermittedException) {
			return "CIRCUIT_OPEN";
		}
		return (ex instanceof TimeoutException) ? "TIMEOUT" : "IO_ERROR";
	}

}
