package dev.skylog.auth.login.web;

import java.time.Instant;

import dev.skylog.auth.session.domain.BrowserSessions.StartedSession;

/**
 * What a login or a session refresh answers. API clients send {@code accessToken} as
 * {@code Authorization: Bearer}; browsers also get the refresh cookie.
 */
public record SessionResponse(String did, String accessToken, String tokenType, Instant expiresAt) {

	public static SessionResponse of(StartedSession session) {
		return new SessionResponse(session.did(), session.jwt().value(), "Bearer", session.jwt().expiresAt());
	}

	@Override
	public String toString() {
		return "SessionResponse[did=" + this.did + ", expiresAt=" + this.expiresAt + "]";
	}

}
