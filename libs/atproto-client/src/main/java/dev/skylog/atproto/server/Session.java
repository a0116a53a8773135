package dev.skylog.atproto.server;

import java.net.URI;
import java.util.Optional;

/**
 * What {@code com.atproto.server.createSession} and {@code refreshSession} answer (the fields Skylog uses).
 *
 * @param pdsEndpoint the {@code #atproto_pds} service of the DID document the PDS returned with the session,
 * when it did: the authoritative answer to where this account lives
 * @param active false when the account is deactivated or taken down at its PDS
 */
public record Session(String did, String handle, String email, SecretToken accessJwt, SecretToken refreshJwt,
		URI pdsEndpoint, boolean active) {

	public Optional<URI> pds() {
		return Optional.ofNullable(this.pdsEndpoint);
	}

	@Override
	public String toString() {
		return "Session[did=" + this.did + ", handle=" + this.handle + ", pds=" + this.pdsEndpoint + ", active="
				+ this.active + "]";
	}

}
