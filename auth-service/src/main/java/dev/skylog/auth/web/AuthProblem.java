package dev.skylog.auth.web;

import java.time.Duration;

import org.springframework.http.HttpStatus;

import dev.skylog.web.problem.ApiProblem;

/** auth-service's problems; the fetcher decides on {@code reauth_required}. */
public class AuthProblem extends ApiProblem {

	public AuthProblem(HttpStatus status, String code, String title, String detail) {
		super(status, code, title, detail);
	}

	public AuthProblem(HttpStatus status, String code, String title, String detail, Duration retryAfter) {
		super(status, code, title, detail, retryAfter);
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
