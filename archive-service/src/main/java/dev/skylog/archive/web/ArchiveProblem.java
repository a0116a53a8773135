package dev.skylog.archive.web;

import org.springframework.http.HttpStatus;

import dev.skylog.web.problem.ApiProblem;

/** The archive API's failures, each with the stable {@code code} clients decide on. */
public final class ArchiveProblem {

	private ArchiveProblem() {
	}

	/** Also what a private archive answers to anyone but its owner: its existence is not disclosed. */
	public static ApiProblem archiveNotFound(String handle) {
		return new ApiProblem(HttpStatus.NOT_FOUND, "archive_not_found", "No such archive",
				"Skylog has no archive for " + handle + ".");
	}

	public static ApiProblem postNotFound(String rkey) {
		return new ApiProblem(HttpStatus.NOT_FOUND, "post_not_found", "No such post",
				"The archive has no post with record key " + rkey + ".");
	}

	public static ApiProblem invalidParameter(String name, String detail) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid_request", "Invalid request", name + ": " + detail);
	}

	public static ApiProblem notLoggedIn() {
		return new ApiProblem(HttpStatus.UNAUTHORIZED, "not_logged_in", "Not logged in",
				"Only the archive's owner may do this; log in first.");
	}

	public static ApiProblem ownerOnly() {
		return new ApiProblem(HttpStatus.FORBIDDEN, "owner_only", "Owner only",
				"Only the archive's owner may do this.");
	}

}
