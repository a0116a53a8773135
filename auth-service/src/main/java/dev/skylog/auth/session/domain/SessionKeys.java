package dev.skylog.auth.session.domain;

import java.text.ParseException;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The ES256 key Skylog signs its session JWTs with, and its public half for {@code /.well-known/jwks.json}. */
@Component
public class SessionKeys {

	private static final Logger logger = LoggerFactory.getLogger(SessionKeys.class);

	private final ECKey signingKey;

	public SessionKeys(SessionProperties properties) {
		this.signingKey = (properties.signingJwk() != null && !properties.signingJwk().isBlank())
				? parse(properties.signingJwk()) : generate();
	}

	public ECKey signingKey() {
		return this.signingKey;
	}

	public JWKSet publicKeys() {
		return new JWKSet(this.signingKey.toPublicJWK());
	}

	private static ECKey parse(String jwk) {
		try {
			ECKey key = ECKey.parse(jwk);
			if (!Curve.P_256.equals(key.getCurve()) || !key.isPrivate()) {
				throw new IllegalStateException("skylog.auth.session.signing-jwk must be a private P-256 key");
			}
			return (key.getKeyID() != null) ? key
					: new ECKey.Builder(key).keyID(key.computeThumbprint().toString()).build();
		}
		catch (ParseException | JOSEException ex) {
			throw new IllegalStateException("skylog.auth.session.signing-jwk is not a JWK", ex);
		}
	}

	private static ECKey generate() {
		logger.warn("No skylog.auth.session.signing-jwk configured: sessions are signed with a key generated now, "
				+ "which other replicas do not know and a restart forgets");
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
