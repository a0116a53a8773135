package dev.skylog.fetcher.token;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the fetcher gets access tokens.
 *
 * @param url auth-service's base URL (its internal API is on the API port, never routed by the gateway)
 * @param serviceToken the internal credential shared with auth-service (a Secret in production)
 */
@ConfigurationProperties("skylog.fetcher.auth-service")
public record AuthServiceProperties(@DefaultValue("http://localhost:8081") URI url, String serviceToken,
		@DefaultValue("10s") Duration timeout) {

	@Override
	public String toString() {
		return "AuthServiceProperties[url=" + this.url + ", serviceToken=redacted]";
	}

}
