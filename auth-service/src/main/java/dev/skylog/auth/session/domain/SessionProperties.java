package dev.skylog.auth.session.domain;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Skylog's own sessions: a short-lived ES256 JWT plus a long-lived refresh cookie.
 *
 * @param signingJwk the ES256 signing key as a JWK (JSON, with its private part {@code d}); every replica and
 * the gateway's JWKS cache must see the same key, so production takes it from a Secret. Without one a key is
 * generated at start, which is only good for a single local instance.
 * @param issuer the {@code iss} and {@code aud} of session JWTs
 * @param accessTtl how long a session JWT is valid
 * @param refreshTtl how long the refresh cookie keeps a browser logged in
 * @param cookieName the refresh cookie
 * @param secureCookie {@code Secure} on the cookie; browsers accept it on http://localhost too
 */
@ConfigurationProperties("skylog.auth.session")
public record SessionProperties(String signingJwk, @DefaultValue("skylog") String issuer,
		@DefaultValue("15m") Duration accessTtl, @DefaultValue("30d") Duration refreshTtl,
		@DefaultValue("skylog_refresh") String cookieName, @DefaultValue("true") boolean secureCookie) {

}
