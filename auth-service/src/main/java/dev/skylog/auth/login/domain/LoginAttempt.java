package dev.skylog.auth.login.domain;

/**
 * One login attempt. The password never leaves this record except to Bluesky; {@code toString} hides it.
 *
 * @param clientAddress who is trying, for throttling
 */
public record LoginAttempt(String identifier, String password, String authFactorToken, String invitationCode,
		String clientAddress) {

	@Override
	public String toString() {
		return "LoginAttempt[identifier=" + this.identifier + ", from=" + this.clientAddress + "]";
	}

}
