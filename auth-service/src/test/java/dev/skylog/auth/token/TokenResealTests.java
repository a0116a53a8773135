package dev.skylog.auth.token;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.skylog.atproto.server.SecretToken;
import dev.skylog.auth.account.domain.Account;
import dev.skylog.auth.account.persistence.AccountRepository;
import dev.skylog.auth.token.crypto.TokenCipher;
import dev.skylog.auth.token.crypto.TokenCipher.TokenRole;
import dev.skylog.auth.token.crypto.TokenEncryptionProperties;
import dev.skylog.auth.token.crypto.TokenReseal;
import dev.skylog.testkit.kafka.TestKafka;
import dev.skylog.testkit.postgres.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** Rotating the token key: rows sealed under the old key are re-sealed under the new one. */
@SpringBootTest(properties = { "skylog.auth.token-encryption.active-key-id=k2",
		"skylog.auth.token-encryption.keys.k1=" + TokenResealTests.KEY_1,
		"skylog.auth.token-encryption.keys.k2=" + TokenResealTests.KEY_2,
		"skylog.auth.token-encryption.reseal-on-start=false" })
class TokenResealTests {

	static final String KEY_1 = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

	static final String KEY_2 = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";

	@DynamicPropertySource
	static void dependencies(DynamicPropertyRegistry registry) {
		TestKafka.registerProperties(registry);
		TestPostgres.freshDatabase("auth_reseal").registerProperties(registry);
	}

	@Autowired
	AccountRepository accounts;

	@Autowired
	TokenCipher cipher;

	@Autowired
	TokenReseal reseal;

	@Test
	void rowsSealedUnderTheOldKeyAreResealedUnderTheActiveOne() {
		TokenCipher old = new TokenCipher(new TokenEncryptionProperties("k1", Map.of("k1", KEY_1), false));
		SecretToken access = new SecretToken("access.jwt.value");
		SecretToken refresh = new SecretToken("refresh.jwt.value");
		String did = "did:plc:reseal00000000000000000000";
		this.accounts.saveLogin(did, "reseal.example", URI.create("http://localhost:2583"),
				new Account.SealedTokens(old.seal(access, did, TokenRole.ACCESS), old.seal(refresh, did, TokenRole.REFRESH),
						"k1", Instant.now().plusSeconds(3600)))
			.block();

		assertThat(this.reseal.resealAll().block()).isEqualTo(1);
		assertThat(this.reseal.resealAll().block()).as("nothing left under k1").isZero();

		Account account = this.accounts.findByDid(did).block();
		assertThat(account.tokens().keyId()).isEqualTo("k2");
		assertThat(this.cipher.open(account.tokens().refreshJwt(), "k2", did, TokenRole.REFRESH)).isEqualTo(refresh);
		assertThat(this.cipher.open(account.tokens().accessJwt(), "k2", did, TokenRole.ACCESS)).isEqualTo(access);
	}

}
