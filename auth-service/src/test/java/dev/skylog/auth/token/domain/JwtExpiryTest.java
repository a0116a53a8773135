package dev.skylog.auth.token.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.skylog.atproto.server.SecretToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JwtExpiryTest {

	@Test
	void theExpiryOfABlueskyAccessJwt() {
		// The shape the reference PDS issues: ES256K header, scope and aud claims, exp in seconds.
		String jwt = jwt("{\"typ\":\"at+jwt\",\"alg\":\"ES256K\"}",
				"{\"scope\":\"com.atproto.access\",\"sub\":\"did:plc:abc\",\"iat\":1764000000,\"exp\":1764007200,"
						+ "\"aud\":\"did:web:localhost\"}");
		assertThat(JwtExpiry.of(new SecretToken(jwt))).isEqualTo(Instant.ofEpochSecond(1764007200));
	}

	@Test
	void aTokenWithoutExpiryOrNotAJwtIsRefusedWithoutQuotingIt() {
		String noExp = jwt("{\"alg\":\"ES256K\"}", "{\"sub\":\"did:plc:abc\"}");
		assertThatIllegalArgumentException().isThrownBy(() -> JwtExpiry.of(new SecretToken(noExp)))
			.withMessage("JWT without exp");
		assertThatIllegalArgumentException().isThrownBy(() -> JwtExpiry.of(new SecretToken("secret-not-a-jwt")))
			.withMessage("not a JWT");
	}

	private static String jwt(String header, String claims) {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		return base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
	}

}
