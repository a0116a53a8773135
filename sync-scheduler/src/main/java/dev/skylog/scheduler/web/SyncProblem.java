package dev.skylog.scheduler.web;

import java.time.Duration;

import org.springframework.http.HttpStatus;

import dev.skylog.web.problem.ApiProblem;

/** sync-scheduler's problems; the web UI tells "log in again" from "already syncing" by their code. */
public class SyncProblem extends ApiProblem {

	public SyncProblem(HttpStatus status, String code, String title, String detail) {
		super(status, code, title, detail);
	}

	public SyncProblem(HttpStatus status, String code, String title, String detail, Duration retryAfter) {
		super(status, code, title, detail, retryAfter);
	}

	public static SyncProblem invalidDid() {
		return new SyncProblem(HttpStatus.BAD_REQUEST, "invalid_did", "Not a DID",
				"The path must name an account by its DID, such as did:plc:… or did:web:….");
	}

	public static SyncProblem notAllowed() {
		return new SyncProblem(HttpStatus.FORBIDDEN, "not_allowed", "Not allowed",
				"Only the account itself or an administrator may request its sync.");
	}

	public static SyncProblem accountNotFound(String did) {
		return new SyncProblem(HttpStatus.NOT_FOUND, "account_not_found", "Unknown account",
				"Skylog keeps no sync state for " + did + ".");
	}

	public static SyncProblem inFlight(String did, Duration retryAfter) {
		return new SyncProblem(HttpStatus.CONFLICT, "sync_in_flight", "Already syncing",
				"A sync of " + did + " is running; its result will show here when it ends.", retryAfter);
	}

	public static SyncProblem reauthRequired(String did) {
		return new SyncProblem(HttpStatus.CONFLICT, "reauth_required", "Login required",
				"Bluesky no longer accepts this account's session; syncs resume when the person logs in to Skylog again ("
						+ did + ").");
	}

	public static SyncProblem unavailable() {
		return new SyncProblem(HttpStatus.SERVICE_UNAVAILABLE, "sync_unavailable", "Cannot request a sync now",
				"The request could not be handed to the fetcher; the regular schedule will sync the account.",
				Duration.ofSeconds(30));
	}

}
