package dev.skylog.auth.token.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import dev.skylog.atproto.server.SecretToken;

/**
 * Seals tokens with AES-256-GCM. The account's DID and the token's role are bound in as associated data, so a
 * sealed token copied to another row or column fails to open instead of handing one account's session to
 * another.
 */
@Component
public class TokenCipher {

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecureRandom random = new SecureRandom();

	private final String activeKeyId;

	private final Map<String, SecretKey> keys;

	public TokenCipher(TokenEncryptionProperties properties) {
		if (properties.keys() == null || properties.keys().isEmpty()) {
			throw new IllegalStateException("skylog.auth.token-encryption.keys is empty: configure at least one key");
		}
		Map<String, SecretKey> keys = new LinkedHashMap<>();
		properties.keys().forEach((id, base64) -> {
			byte[] raw = Base64.getDecoder().decode(base64.trim());
			if (raw.length != 32) {
				throw new IllegalStateException("token key " + id + " must be 32 bytes (AES-256), is " + raw.length);
			}
			keys.put(id, new SecretKeySpec(raw, "AES"));
		});
		if (!keys.containsKey(properties.activeKeyId())) {
			throw new IllegalStateException("active token key " + properties.activeKeyId() + " is not among the keys");
		}
		this.activeKeyId = properties.activeKeyId();
		this.keys = Map.copyOf(keys);
	}

	public String activeKeyId() {
		return this.activeKeyId;
	}

	public byte[] seal(SecretToken token, String did, TokenRole role) {
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.keys.get(this.activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(associatedData(did, role));
			byte[] sealed = cipher.doFinal(token.reveal().getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("sealing a token failed", ex);
		}
	}

	public SecretToken open(byte[] sealed, String keyId, String did, TokenRole role) {
		SecretKey key = this.keys.get(keyId);
		if (key == null) {
			throw new IllegalStateException("token sealed under unknown key " + keyId + ": keep it configured");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
			cipher.updateAAD(associatedData(did, role));
			byte[] plain = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
			return new SecretToken(new String(plain, StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("a sealed token of " + did + " does not open", ex);
		}
	}

	private static byte[] associatedData(String did, TokenRole role) {
		return (did + "|" + role.name()).getBytes(StandardCharsets.UTF_8);
	}

	/** Which of an account's two Bluesky tokens a ciphertext holds. */
	public enum TokenRole {

		ACCESS, REFRESH

	}

}
