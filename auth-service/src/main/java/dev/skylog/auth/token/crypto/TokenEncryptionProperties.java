package dev.skylog.auth.token.crypto;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The keys that seal Bluesky tokens at rest (from a Kubernetes Secret in production).
 *
 * @param activeKeyId the key new tokens are sealed with
 * @param keys key id → base64 of 32 random bytes (AES-256); older keys stay listed until every row has been
 * re-sealed under the active one
 * @param resealOnStart re-seal every row sealed under another key when the service starts
 */
@ConfigurationProperties("skylog.auth.token-encryption")
public record TokenEncryptionProperties(String activeKeyId, Map<String, String> keys,
		@DefaultValue("true") boolean resealOnStart) {

}
