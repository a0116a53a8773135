package dev.skylog.atproto.server;

/**
 * What {@code com.atproto.server.createSession} and {@code refreshSession} answer (the fields Skylog uses).
 *
 * @param active false when the account is deactivated or taken down at its PDS
 */
public record Session(String did, String handle, String email, SecretToken accessJwt, SecretToken refreshJwt,
		boolean active) {

}
