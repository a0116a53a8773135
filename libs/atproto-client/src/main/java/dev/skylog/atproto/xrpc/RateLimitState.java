package dev.skylog.atproto.xrpc;

import java.time.Instant;

import org.springframework.http.HttpHeaders;

/**
 * What a PDS said about its rate limit on a response ({@code RateLimit-Limit}, {@code -Remaining},
 * {@code -Reset}). Bluesky's reset is a Unix time in seconds, not a delay. Fields are null where the server sent
 * nothing (the AppView and unlimited devnets send no such headers).
 */
public record RateLimitState(Integer limit, Integer remaining, Instant reset) {

	public static final RateLimitState UNKNOWN = new RateLimitState(null, null, null);

	public static RateLimitState from(HttpHeaders headers) {
		Integer limit = number(headers.getFirst("RateLimit-Limit"));
		Integer remaining = number(headers.getFirst("RateLimit-Remaining"));
		Integer reset = number(headers.getFirst("RateLimit-Reset"));
		return new RateLimitState(limit, remaining, (reset != null) ? Instant.ofEpochSecond(reset) : null);
	}

	private static Integer number(String value) {
		if (value == null) {
			return null;
		}
		try {
			return Integer.valueOf(value.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
