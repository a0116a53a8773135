package dev.skylog.auth.token.domain;

import java.net.URI;
import java.time.Instant;

import dev.skylog.atproto.server.SecretToken;

/** A usable access token for an account, and where to use it. */
public record AccessGrant(String did, SecretToken accessJwt, URI pdsUrl, Instant expiresAt) {

}
