package dev.skylog.auth.web;

import java.util.concurrent.TimeoutException;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import dev.skylog.atproto.xrpc.XrpcException;

/** How failures of Bluesky calls look to Skylog's callers. */
public final class BlueskyFailures {

	private BlueskyFailures() {
	}

	/** An XRPC error that is not about the caller's own input: rate limits pass through, the rest is 503. */
	public static AuthProblem problem(XrpcException ex) {
		if (ex.isRateLimited()) {
			return new AuthProblem(HttpStatus.TOO_MANY_REQUESTS, "bluesky_rate_limited", "Too many attempts",
					"Bluesky asked to slow down; try again later.", ex.retryAfter().orElse(null));
		}
		return AuthProblem.blueskyUnavailable("Bluesky answered " + ex.status() + " " + ex.error() + ".");
	}

	public static boolean isUnreachable(Throwable ex) {
		return ex instanceof WebClientRequestException || ex instanceof TimeoutException;
	}

	public static AuthProblem unreachable(Throwable ex) {
		return AuthProblem.blueskyUnavailable("The account's Bluesky server did not answer.");
	}

}
