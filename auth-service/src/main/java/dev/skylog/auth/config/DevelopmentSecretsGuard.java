package dev.skylog.auth.config;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

import dev.skylog.auth.session.domain.SessionProperties;
import dev.skylog.auth.token.crypto.TokenEncryptionProperties;
import dev.skylog.auth.token.web.InternalApiProperties;

/**
 * Refuses to start with the development secrets that ship in {@code application.yml} (so that
 * {@code run-local.sh} works out of the box) unless told they are fine here. A production install that forgot
 * its Secret fails at start instead of sealing people's Bluesky tokens with a key anyone can read on GitHub.
 */
@Component
public class DevelopmentSecretsGuard {

	static final String DEVELOPMENT_TOKEN_KEY = "c2t5bG9nLWxvY2FsLWRldmVsb3BtZW50LWtleS0wMDE=";

	static final String DEVELOPMENT_SERVICE_TOKEN = "local-internal-service-token";

	public DevelopmentSecretsGuard(Settings settings, TokenEncryptionProperties tokenKeys,
			InternalApiProperties internalApi, SessionProperties sessions) {
		if (settings.allowDevelopmentSecrets()) {
			return;
		}
		List<String> problems = new ArrayList<>();
		if (DEVELOPMENT_TOKEN_KEY.equals(tokenKeys.keys().get(tokenKeys.activeKeyId()))) {
			problems.add("skylog.auth.token-encryption: the active key is the development key");
		}
		if (DEVELOPMENT_SERVICE_TOKEN.equals(internalApi.serviceToken())) {
			problems.add("skylog.auth.internal.service-token is the development value");
		}
		if (sessions.signingJwk() == null || sessions.signingJwk().isBlank()) {
			problems.add("skylog.auth.session.signing-jwk is not set (replicas would sign with different keys)");
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Refusing to start with development secrets: " + String.join("; ", problems)
					+ ". Configure them from a Secret, or set skylog.auth.allow-development-secrets=true for a local setup.");
		}
	}

	/**
	 * @param allowDevelopmentSecrets true for local stacks and tests only
	 */
	@ConfigurationProperties("skylog.auth")
	public record Settings(@DefaultValue("false") boolean allowDevelopmentSecrets) {

	}

}
