package dev.skylog.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

import dev.skylog.web.problem.ApiProblem;
import dev.skylog.web.problem.ProblemWriter;

/**
 * Per-minute budgets for {@code /api/**}: logins per client address, API calls per account (or per address for
 * anonymous callers). Fixed one-minute windows counted with Redis INCR, shared by every replica. Runs after
 * Spring Security, so "per account" is the verified session's subject. When Redis does not answer, requests
 * pass (and are counted): an outage of the limiter must not become an outage of Skylog.
 *
 * <p>Not Spring Cloud Gateway's {@code RedisRateLimiter}: it is a per-route filter that answers 429 with an empty
 * body, while these budgets span routes (one login budget per address, one API budget per account) and answer
 * with the same problem JSON and {@code Retry-After} as every other refusal.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
public class RequestBudgets implements WebFilter {

	private static final Logger logger = LoggerFactory.getLogger(RequestBudgets.class);

	private static final Duration WINDOW = Duration.ofMinutes(1);

	private static final String REJECTED = "skylog.gateway.ratelimit.rejected";

	private static final String UNAVAILABLE = "skylog.gateway.ratelimit.unavailable";

	private static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/**");

	private static final PathPattern LOGIN = PathPatternParser.defaultInstance.parse("/api/auth/login");

	// A Redis that hangs must not hold requests: past this, the request passes as if Redis were down.
	private static final Duration REDIS_TIMEOUT = Duration.ofMillis(250);

	private final ReactiveStringRedisTemplate redis;

	private final RateLimitProperties limits;

	private final MeterRegistry meters;

	private final Clock clock;

	public RequestBudgets(ReactiveStringRedisTemplate redis, RateLimitProperties limits, MeterRegistry meters,
			Clock clock) {
		this.redis = redis;
		this.limits = limits;
		this.meters = meters;
		this.clock = clock;
		// From the start, so the dashboard and a rate-of-rejections alert see 0 rather than no data.
		for (String bucket : new String[] { "login", "user", "ip" }) {
			meters.counter(REJECTED, "bucket", bucket);
		}
		meters.counter(UNAVAILABLE);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		// Path patterns match the decoded path, as the routes do: "/%61pi/…" is /api/ here too.
		PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
		if (!this.limits.enabled() || !API.matches(path)) {
			return chain.filter(exchange);
		}
		String address = clientAddress(exchange);
		if (exchange.getRequest().getMethod() == HttpMethod.POST && LOGIN.matches(path)) {
			return spend(exchange, chain, "login", "login:" + address, this.limits.loginPerIp());
		}
		return ReactiveSecurityContextHolder.getContext()
			.map((context) -> context.getAuthentication())
			.filter(JwtAuthenticationToken.class::isInstance)
			.map((authentication) -> "user:" + ((JwtAuthenticationToken) authentication).getToken().getSubject())
			.map((key) -> new Budget("user", key, this.limits.apiPerUser()))
			.defaultIfEmpty(new Budget("ip", "ip:" + address, this.limits.apiPerIp()))
			.flatMap((budget) -> spend(exchange, chain, budget.bucket(), budget.key(), budget.perMinute()));
	}

	private Mono<Void> spend(ServerWebExchange exchange, WebFilterChain chain, String bucket, String key,
			int perMinute) {
		long now = this.clock.millis();
		long window = now / WINDOW.toMillis();
		String redisKey = this.limits.keyPrefix() + key + ":" + window;
		return this.redis.opsForValue()
			.increment(redisKey)
			.flatMap((count) -> (count == 1) ? this.redis.expire(redisKey, WINDOW.plusSeconds(5)).thenReturn(count)
					: Mono.just(count))
			.map((count) -> count <= perMinute)
			.timeout(REDIS_TIMEOUT)
			.onErrorResume((ex) -> {
				this.meters.counter(UNAVAILABLE).increment();
				logger.warn("Rate limiter unavailable, letting the request pass: {}", ex.toString());
				return Mono.just(true);
			})
			.flatMap((allowed) -> {
				if (allowed) {
					return chain.filter(exchange);
				}
				this.meters.counter(REJECTED, "bucket", bucket).increment();
				Duration retryAfter = Duration.ofMillis((window + 1) * WINDOW.toMillis() - now);
				return ProblemWriter.write(exchange.getResponse(), new ApiProblem(HttpStatus.TOO_MANY_REQUESTS,
						"rate_limited", "Too many requests",
						"Too many requests from this " + (bucket.equals("user") ? "account" : "address")
								+ "; try again after the Retry-After seconds.",
						retryAfter));
			});
	}

	// The address the connection came from (client-sent X-Forwarded-* headers are removed by ReservedHeaderFilter;
	// behind an Ingress, server.forward-headers-strategy=native takes the proxy's).
	private static String clientAddress(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : "unknown";
	}

	private record Budget(String bucket, String key, int perMinute) {
	}

}
