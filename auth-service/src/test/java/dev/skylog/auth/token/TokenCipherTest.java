package dev.skylog.auth.token;

import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skylog.atproto.server.SecretToken;
import dev.skylog.auth.token.crypto.TokenCipher;
import dev.skylog.auth.token.crypto.TokenCipher.TokenRole;
import dev.skylog.auth.token.crypto.TokenEncryptionProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TokenCipherTest {

	static final String KEY_1 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

	static final String KEY_2 = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());

	final SecretToken token = new SecretToken("eyJ0eXAiOiJhdCtqd3QifQ.eyJleHAiOjE3OTU4ODE2OTR9.c2ln");

	@Test
	void aSealedTokenOpensOnlyForItsAccountAndRole() {
		TokenCipher cipher = cipher("k1", Map.of("k1", KEY_1));
		byte[] sealed = cipher.seal(this.token, "did:plc:alice", TokenRole.REFRESH);

		assertThat(cipher.open(sealed, "k1", "did:plc:alice", TokenRole.REFRESH)).isEqualTo(this.token);
		assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("eyJ");
		assertThat(cipher.seal(this.token, "did:plc:alice", TokenRole.REFRESH)).as("a fresh nonce every time")
			.isNotEqualTo(sealed);
		assertThatIllegalStateException().isThrownBy(() -> cipher.open(sealed, "k1", "did:plc:bob", TokenRole.REFRESH));
		assertThatIllegalStateException().isThrownBy(() -> cipher.open(sealed, "k1", "did:plc:alice", TokenRole.ACCESS));
	}

	@Test
	void tokensSealedUnderAnOldKeyStillOpenAfterRotation() {
		byte[] sealedUnderOld = cipher("k1", Map.of("k1", KEY_1)).seal(this.token, "did:plc:alice", TokenRole.ACCESS);
		TokenCipher rotated = cipher("k2", Map.of("k1", KEY_1, "k2", KEY_2));

		assertThat(rotated.open(sealedUnderOld, "k1", "did:plc:alice", TokenRole.ACCESS)).isEqualTo(this.token);
		assertThat(rotated.activeKeyId()).isEqualTo("k2");
		assertThatIllegalStateException()
			.isThrownBy(() -> cipher("k2", Map.of("k2", KEY_2)).open(sealedUnderOld, "k1", "did:plc:alice",
					TokenRole.ACCESS))
			.withMessageContaining("unknown key k1");
	}

	@Test
	void aMisconfiguredKeyRingFailsAtStart() {
		assertThatIllegalStateException().isThrownBy(() -> cipher("k1", Map.of()));
		assertThatIllegalStateException().isThrownBy(() -> cipher("k9", Map.of("k1", KEY_1)));
		assertThatIllegalStateException()
			.isThrownBy(() -> cipher("k1", Map.of("k1", Base64.getEncoder().encodeToString(new byte[16]))))
			.withMessageContaining("32 bytes");
	}

	private static TokenCipher cipher(String active, Map<String, String> keys) {
		return new TokenCipher(new TokenEncryptionProperties(active, keys, false));
	}

}
