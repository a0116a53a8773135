package dev.skylog.auth.token.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param serviceToken the bearer credential other Skylog services present on {@code /internal/**} (from a
 * Kubernetes Secret shared with the fetcher only); required
 */
@ConfigurationProperties("skylog.auth.internal")
public record InternalApiProperties(String serviceToken) {

	public InternalApiProperties {
		if (serviceToken == null || serviceToken.length() < 16) {
			throw new IllegalStateException("skylog.auth.internal.service-token must be set (16 characters or more)");
		}
	}

	@Override
	public String toString() {
		return "InternalApiProperties[serviceToken=redacted]";
	}

}
