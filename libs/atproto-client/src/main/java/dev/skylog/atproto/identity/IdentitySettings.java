package dev.skylog.atproto.identity;

import java.net.URI;
import java.time.Duration;

/**
 * Where identities are resolved.
 *
 * @param plcDirectory the PLC directory for {@code did:plc} documents ({@code https://plc.directory})
 * @param entryway the service that resolves handles and logs in accounts it hosts ({@code https://bsky.social})
 * @param dnsTxt whether to try the {@code _atproto.<handle>} TXT record
 * @param httpsWellKnown whether to try {@code https://<handle>/.well-known/atproto-did}
 * @param timeout how long each lookup may take
 */
public record IdentitySettings(URI plcDirectory, URI entryway, boolean dnsTxt, boolean httpsWellKnown,
		Duration timeout) {

}
