package dev.skylog.fetcher.bluesky;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How hard the fetcher may call one Bluesky host. Bluesky's PDS allows 3000 requests per 5 minutes per IP
 * across all its routes; the default budget (5 per second, 1500 per 5 minutes) leaves half of it to others.
 *
 * @param requestsPerSecond steady budget per host
 * @param reserve when a response says this few requests remain, wait for the window to reset
 * @param maxRateLimitWait the longest a sync waits out a 429 before giving up with RATE_LIMITED
 * @param retries retries of a 5xx, a timeout or a broken connection
 * @param retryBackoff first retry delay; doubled each time, with jitter
 * @param timeout one request
 * @param circuitOpenFor how long a host that keeps failing is not called at all
 */
@ConfigurationProperties("skylog.fetcher.bluesky")
public record BlueskyProperties(@DefaultValue("5") int requestsPerSecond, @DefaultValue("10") int reserve,
		@DefaultValue("10m") Duration maxRateLimitWait, @DefaultValue("3") int retries,
		@DefaultValue("1s") Duration retryBackoff, @DefaultValue("20s") Duration timeout,
		@DefaultValue("30s") Duration circuitOpenFor, @DefaultValue("100") int pageSize) {

}
