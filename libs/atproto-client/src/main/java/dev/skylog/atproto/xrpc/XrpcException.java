package dev.skylog.atproto.xrpc;

/**
 * An XRPC call answered with an error. {@code error} is the lexicon's error name ({@code ExpiredToken},
 * {@code InvalidToken}, {@code AuthenticationRequired}, {@code RateLimitExceeded}, …), which is what callers
 * decide on: Bluesky's PDS answers most token failures with 400, not 401.
 */
public class XrpcException extends RuntimeException {

	private final String method;

	private final int status;

	private final String error;

	public XrpcException(String method, int status, String error, String message) {
		super(method + " answered " + status + " " + error + ": " + message);
		this.method = method;
		this.status = status;
		this.error = error;
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

	public boolean isRateLimited() {
		return this.status == 429;
	}

	/** The session is gone for good (revoked, expired refresh token): only a new login helps. */
	public boolean isTokenRejected() {
		return "ExpiredToken".equals(this.error) || "InvalidToken".equals(this.error);
	}

}
