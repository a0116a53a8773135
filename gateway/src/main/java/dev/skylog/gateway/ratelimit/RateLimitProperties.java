package dev.skylog.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Requests allowed per minute, counted in Redis so every gateway replica shares one budget.
 *
 * @param loginPerIp login attempts per client address (auth-service also throttles per identifier)
 * @param apiPerUser API requests per logged-in account
 * @param apiPerIp API requests per client address, for anonymous callers
 * @param keyPrefix Redis key prefix
 */
@ConfigurationProperties("skylog.gateway.rate-limits")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("10") int loginPerIp,
		@DefaultValue("600") int apiPerUser, @DefaultValue("300") int apiPerIp,
		@DefaultValue("skylog:rate:") String keyPrefix) {
}
