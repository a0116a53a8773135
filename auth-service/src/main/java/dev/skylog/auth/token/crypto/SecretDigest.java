package dev.skylog.auth.token.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of a high-entropy secret (a refresh cookie, an invitation code): what Skylog stores instead of the
 * secret, so a database dump hands out no sessions. No salt is needed, the secrets are random.
 */
public final class SecretDigest {

	private SecretDigest() {
	}

	public static byte[] sha256(String secret) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
