package dev.skylog.scheduler.web;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.HttpStatus;

/**
 * A failure the caller can act on, answered as {@code application/problem+json} with a stable {@code code}
 * (the web UI tells "log in again" from "already syncing" by it).
 */
public class SyncProblem extends RuntimeException {

	private static final String TYPE_BASE = "https://skylog.dev/problems/";

	private final HttpStatus status;

	private final String code;

	private final String title;

	private final Duration retryAfter;

	public SyncProblem(HttpStatus status, String code, String title, String detail) {
		this(status, code, title, detail, null);
	}

	public SyncProblem(HttpStatus status, String code, String title, String detail, Duration retryAfter) {
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
