package dev.skylog.atproto.server;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The input of {@code com.atproto.server.createSession}.
 *
 * @param identifier a handle, DID or e-mail address
 * @param authFactorToken the e-mailed code, when the account has two-factor sign-in
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateSessionRequest(String identifier, String password, String authFactorToken) {

	@Override
	public String toString() {
		return "CreateSessionRequest[identifier=" + this.identifier + ", password=redacted]";
	}

}
