package dev.skylog.stats.web;

import org.springframework.http.HttpStatus;

import dev.skylog.web.problem.ApiProblem;

/** The statistics API's failures, each with the stable {@code code} clients decide on. */
public final class StatsProblem {

	private StatsProblem() {
	}

	/** Also what a private archive's statistics answer to anyone but the owner: existence is not disclosed. */
	public static ApiProblem accountNotFound(String handle) {
		return new ApiProblem(HttpStatus.NOT_FOUND, "account_not_found", "No such account",
				"Skylog has no statistics for " + handle + ".");
	}

	public static ApiProblem invalidParameter(String name, String detail) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid_request", "Invalid request", name + ": " + detail);
	}

	public static ApiProblem notLoggedIn() {
		return new ApiProblem(HttpStatus.UNAUTHORIZED, "not_logged_in", "Not logged in",
				"A Skylog session is needed.");
	}

	public static ApiProblem adminOnly() {
		return new ApiProblem(HttpStatus.FORBIDDEN, "admin_only", "Administrators only",
				"Only a Skylog administrator may do this.");
	}

	public static ApiProblem rebuildRunning() {
		return new ApiProblem(HttpStatus.CONFLICT, "rebuild_running", "A rebuild is running",
				"Statistics are being rebuilt already; see GET /api/stats/admin/rebuild.");
	}

}
