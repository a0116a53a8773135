package dev.skylog.auth.session.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/** Issues Skylog session JWTs: who the caller is ({@code sub} = DID), for a few minutes. */
@Component
public class SessionTokens {

	private final JwtEncoder encoder;

	private final SessionKeys keys;

	private final SessionProperties properties;

	private final Clock clock;

	public SessionTokens(JwtEncoder encoder, SessionKeys keys, SessionProperties properties, Clock clock) {
		this.encoder = encoder;
		this.keys = keys;
		this.properties = properties;
		this.clock = clock;
	}

	public IssuedToken issue(String did, String handle, UUID sessionId, boolean admin) {
		Instant now = this.clock.instant();
		Instant expiresAt = now.plus(this.properties.accessTtl());
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(this.properties.issuer())
			.audience(List.of(this.properties.issuer()))
			.subject(did)
			.issuedAt(now)
			.expiresAt(expiresAt)
			.claim("handle", handle)
			.claim("sid", sessionId.toString())
			.claim("scope", admin ? "user admin" : "user")
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.ES256).keyId(this.keys.signingKey().getKeyID()).build();
		String jwt = this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
		return new IssuedToken(jwt, expiresAt);
	}

	/** A session JWT and when it stops working. */
	public record IssuedToken(String value, Instant expiresAt) {

		@Override
		public String toString() {
			return "IssuedToken[expiresAt=" + this.expiresAt + "]";
		}

	}

}
