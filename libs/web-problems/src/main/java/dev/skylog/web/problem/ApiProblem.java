package dev.skylog.web.problem;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.HttpStatus;

/**
 * A failure the caller can act on, answered as {@code application/problem+json}. {@code code} is a stable
 * machine-readable name clients decide on (the fetcher on {@code reauth_required}, the UI on
 * {@code sync_in_flight}); {@code retryAfter} becomes the {@code Retry-After} header.
 */
public class ApiProblem extends RuntimeException {

	private static final String TYPE_BASE = "https://skylog.dev/problems/";

	private final HttpStatus status;

	private final String code;

	private final String title;

	private final Duration retryAfter;

	public ApiProblem(HttpStatus status, String code, String title, String detail) {
		this(status, code, title, detail, null);
	}

	public ApiProblem(HttpStatus status, String code, String title, String detail, Duration retryAfter) {
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

}
