package dev.skylog.auth.config;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skylog.auth.session.domain.SessionProperties;
import dev.skylog.auth.token.crypto.TokenEncryptionProperties;
import dev.skylog.auth.token.web.InternalApiProperties;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class DevelopmentSecretsGuardTest {

	static final String REAL_KEY = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";

	@Test
	void productionRefusesTheDevelopmentSecrets() {
		assertThatIllegalStateException()
			.isThrownBy(() -> guard(false, DevelopmentSecretsGuard.DEVELOPMENT_TOKEN_KEY,
					DevelopmentSecretsGuard.DEVELOPMENT_SERVICE_TOKEN, null))
			.withMessageContaining("development key")
			.withMessageContaining("service-token")
			.withMessageContaining("signing-jwk");
	}

	@Test
	void realSecretsOrAnExplicitLocalSetupStart() {
		assertThatNoException().isThrownBy(() -> guard(false, REAL_KEY, "a-real-service-credential-0123", "{jwk}"));
		assertThatNoException().isThrownBy(() -> guard(true, DevelopmentSecretsGuard.DEVELOPMENT_TOKEN_KEY,
				DevelopmentSecretsGuard.DEVELOPMENT_SERVICE_TOKEN, null));
	}

	private static void guard(boolean allow, String key, String serviceToken, String jwk) {
		new DevelopmentSecretsGuard(new DevelopmentSecretsGuard.Settings(allow),
				new TokenEncryptionProperties("k1", Map.of("k1", key), false), new InternalApiProperties(serviceToken, null),
				new SessionProperties(jwk, "skylog", Duration.ofMinutes(15), Duration.ofDays(30), "skylog_refresh", true));
	}

}
