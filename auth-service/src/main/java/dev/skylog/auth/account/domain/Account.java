package dev.skylog.auth.account.domain;

import java.net.URI;
import java.time.Instant;

import dev.skylog.events.account.AccountSettings;

/**
 * An account as auth-service stores it. The Bluesky tokens are only ever held sealed here; {@link SealedTokens}
 * is opened by the token service when a caller needs one.
 */
public record Account(String did, String handle, URI pdsUrl, AccountStatus status, SealedTokens tokens,
		AccountSettings settings, Instant createdAt) {

	/**
	 * The account's Bluesky tokens as AES-GCM ciphertext, with the key they were sealed under.
	 */
	public record SealedTokens(byte[] accessJwt, byte[] refreshJwt, String keyId, Instant accessExpiresAt) {

		public boolean present() {
			return this.accessJwt != null && this.refreshJwt != null && this.keyId != null;
		}

	}

}
