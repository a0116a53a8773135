package dev.skylog.auth.identity;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.skylog.atproto.identity.IdentitySettings;

/**
 * Where auth-service resolves identities and logs accounts in.
 *
 * @param entryway the service that hosts accounts logging in by e-mail and resolves handles no other way
 * finds (bsky.social; the devnet's PDS locally)
 * @param plcDirectory the {@code did:plc} directory
 * @param timeout per Bluesky call
 * @param allowPrivatePds let DID documents name a PDS on a private, loopback or link-local address, or over plain
 * http (a devnet; never on a shared network: see {@link PdsEndpointPolicy})
 */
@ConfigurationProperties("skylog.auth.identity")
public record IdentityProperties(@DefaultValue("https://bsky.social") URI entryway,
		@DefaultValue("https://plc.directory") URI plcDirectory, @DefaultValue("true") boolean dnsTxt,
		@DefaultValue("true") boolean httpsWellKnown, @DefaultValue("10s") Duration timeout,
		@DefaultValue("false") boolean allowPrivatePds) {

	public IdentitySettings settings() {
		return new IdentitySettings(this.plcDirectory, this.entryway, this.dnsTxt, this.httpsWellKnown, this.timeout);
	}

}
