package dev.skylog.atproto.xrpc;

import tools.jackson.databind.JsonNode;

/** A successful XRPC query: its body, and the rate-limit state the server reported with it. */
public record XrpcResult(JsonNode body, RateLimitState rateLimit) {

	/** The page cursor; absent (not merely a short page) means the end. */
	public String cursor() {
		JsonNode cursor = this.body.path("cursor");
		return (cursor.isString() && !cursor.asString().isEmpty()) ? cursor.asString() : null;
	}

}
