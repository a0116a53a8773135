package dev.skylog.auth.token.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.skylog.atproto.server.SecretToken;

/**
 * Reads the {@code exp} claim of a Bluesky JWT. The signature is not checked: the token came from the PDS
 * over TLS and only the PDS verifies it; Skylog needs to know when to refresh, nothing more.
 */
public final class JwtExpiry {

	private static final JsonMapper json = JsonMapper.builder().build();

	private JwtExpiry() {
	}

	public static Instant of(SecretToken jwt) {
		String[] parts = jwt.reveal().split("\\.");
		if (parts.length != 3) {
			throw new IllegalArgumentException("not a JWT");
		}
		JsonNode claims = json.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
		if (!claims.path("exp").canConvertToLong()) {
			throw new IllegalArgumentException("JWT without exp");
		}
		return Instant.ofEpochSecond(claims.path("exp").asLong());
	}

}
