package dev.skylog.auth.web;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.HttpStatus;

/**
 * A failure the caller can act on, answered as {@code application/problem+json}. {@code code} is a stable
 * machine-readable name (the fetcher decides on {@code reauth_required}); {@code retryAfter} becomes the
 * {@code Retry-After} header.
 */
public class AuthProblem extends RuntimeException {

	private static final String TYPE_BASE = "https://skylog.dev/problems/";

	private final HttpStatus status;

	private final String code;

	private final String title;

	private final Duration retryAfter;

	public AuthProblem(HttpStatus status, String code, String title, String detail) {
		this(status, code, title, detail, null);
	}

	public AuthProblem(HttpStatus status, String code, String title, String detail, Duration retryAfter) {
		super(detail);
		this.status = status;
		this.code = code;
		this.title = title;
		this.retryAfter = retryAfter;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

	public URI type() {
		return URI.create(TYPE_BASE + this.code.replace('_', '-'));
	}

	public String title() {
		return this.title;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

	public static AuthProblem reauthRequired(String did) {
		return new AuthProblem(HttpStatus.CONFLICT, "reauth_required", "Login required",
				"Bluesky no longer accepts this account's session; the person must log in to Skylog again (" + did
						+ ").");
	}

	public static AuthProblem accountNotFound(String did) {
		return new AuthProblem(HttpStatus.NOT_FOUND, "account_not_found", "Unknown account",
				"No Skylog account " + did + ".");
	}

	public static AuthProblem blueskyUnavailable(String detail) {
		return new AuthProblem(HttpStatus.SERVICE_UNAVAILABLE, "bluesky_unavailable", "Bluesky is unavailable",
				detail, Duration.ofSeconds(30));
	}

}
