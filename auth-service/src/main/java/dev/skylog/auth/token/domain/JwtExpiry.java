package dev.skylog.auth.token.domain;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;

import dev.skylog.atproto.server.SecretToken;

/**
 * Reads the {@code exp} claim of a Bluesky JWT (with Nimbus, already here for Skylog's own sessions). The
 * signature is not checked: the token came from the PDS over TLS and only the PDS verifies it; Skylog needs to
 * know when to refresh, nothing more.
 */
public final class JwtExpiry {

	private JwtExpiry() {
	}

	public static Instant of(SecretToken jwt) {
		Date expiry;
		try {
			JWTClaimsSet claims = JWTParser.parse(jwt.reveal()).getJWTClaimsSet();
			// An encrypted JWT has no claims to read.
			expiry = (claims != null) ? claims.getExpirationTime() : null;
		}
		catch (ParseException ex) {
			// The parser's message may quote the token: never let it reach a log.
			throw new IllegalArgumentException("not a JWT");
		}
		if (expiry == null) {
			throw new IllegalArgumentException("JWT without exp");
		}
		return expiry.toInstant();
	}

}
