package dev.skylog.auth.login.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/auth/login}.
 *
 * @param identifier a handle, DID or e-mail address
 * @param password an app password (Settings → App passwords on Bluesky)
 * @param authFactorToken the code Bluesky e-mailed, when it asked for one
 * @param invitationCode needed to join an instance that runs by invitation
 */
public record LoginRequest(@NotBlank @Size(max = 320) String identifier, @NotBlank @Size(max = 256) String password,
		@Size(max = 64) String authFactorToken, @Size(max = 64) String invitationCode) {

	@Override
	public String toString() {
		return "LoginRequest[identifier=" + this.identifier + "]";
	}

}
