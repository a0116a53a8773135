package dev.skylog.archive.account.domain;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is reading. The DID comes only from a Skylog session JWT whose ES256 signature, issuer, audience and
 * expiry were checked against auth-service's keys: the gateway forwards the caller's token, and nothing else
 * a caller sends (a header, a query parameter) can make it someone else.
 */
public record Viewer(String did) {

	private static final Viewer ANONYMOUS = new Viewer(null);

	public static Viewer of(Jwt session) {
		return (session != null) ? new Viewer(session.getSubject()) : ANONYMOUS;
	}

	public boolean isAnonymous() {
		return this.did == null;
	}

	public boolean owns(ArchiveAccount account) {
		return this.did != null && this.did.equals(account.did());
	}

}
