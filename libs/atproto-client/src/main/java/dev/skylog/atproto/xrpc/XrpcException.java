package dev.skylog.atproto.xrpc;

import java.time.Duration;
import java.util.Optional;

/**
 * An XRPC call answered with an error. {@code error} is the lexicon's error name ({@code ExpiredToken},
 * {@code InvalidToken}, {@code AuthenticationRequired}, {@code AuthFactorTokenRequired},
 * {@code RateLimitExceeded}, …), which is what callers decide on: Bluesky's PDS answers most token failures
 * with 400, not 401.
 */
public class XrpcException extends RuntimeException {

	static final String REFRESH_SESSION = "com.atproto.server.refreshSession";

	private final String method;

	private final int status;

	private final String error;

	private final Duration retryAfter;

	public XrpcException(String method, int status, String error, String message) {
		this(method, status, error, message, null);
	}

	public XrpcException(String method, int status, String error, String message, Duration retryAfter) {
		super(method + " answered " + status + " " + error + ": " + message);
		this.method = method;
		this.status = status;
		this.error = error;
		this.retryAfter = retryAfter;
	}

	public String method() {
		return this.method;
	}

	public int status() {
		return this.status;
	}

	public String error() {
		return this.error;
	}

	/** How long the server asked us to wait, when it said (rate limits). */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

	public boolean isRateLimited() {
		return this.status == 429;
	}

	/**
	 * {@code refreshSession} refused the refresh token (revoked, expired, logged out): the session is gone for
	 * good and only a new login helps. The same error names from any other method mean the <em>access</em>
	 * token expired, which a refresh fixes.
	 */
	public boolean isSessionGone() {
		return REFRESH_SESSION.equals(this.method)
				&& ("ExpiredToken".equals(this.error) || "InvalidToken".equals(this.error));
	}

	/** The access token is expired or not accepted: refresh it and call again. */
	public boolean isAccessTokenRejected() {
		return !REFRESH_SESSION.equals(this.method)
				&& ("ExpiredToken".equals(this.error) || "InvalidToken".equals(this.error));
	}

}
