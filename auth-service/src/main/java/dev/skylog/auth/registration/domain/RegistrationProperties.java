package dev.skylog.auth.registration.domain;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may start using Skylog, as the original design offers it.
 *
 * @param mode {@code open}: anyone; {@code single-user}: the first account only (a personal instance);
 * {@code invitation}: a new account needs a code an admin issued
 * @param admins DIDs of the administrators (they issue invitation codes)
 */
@ConfigurationProperties("skylog.auth.registration")
public record RegistrationProperties(@DefaultValue("open") Mode mode, @DefaultValue List<String> admins) {

	public enum Mode {

		OPEN, SINGLE_USER, INVITATION

	}

}
