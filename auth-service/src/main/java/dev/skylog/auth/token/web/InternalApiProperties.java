package dev.skylog.auth.token.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param serviceToken the bearer credential other Skylog services present on {@code /internal/**} (from a
 * Kubernetes Secret shared with the fetcher only); required
 * @param port when set, {@code /internal/**} is served on this port only (and nothing else is), so a
 * NetworkPolicy can open it to the fetcher alone; unset, it shares the API port (tests, the local stack)
 */
@ConfigurationProperties("skylog.auth.internal")
public record InternalApiProperties(String serviceToken, Integer port) {

	public InternalApiProperties {
		if (serviceToken == null || serviceToken.length() < 16) {
			throw new IllegalStateException("skylog.auth.internal.service-token must be set (16 characters or more)");
		}
		if (port != null && (port < 0 || port > 65535)) {
			throw new IllegalStateException("skylog.auth.internal.port must be a port number, not " + port);
		}
	}

	public boolean ownPort() {
		return this.port != null;
	}

	@Override
	public String toString() {
		return "InternalApiProperties[serviceToken=redacted, port=" + this.port + "]";
	}

}
