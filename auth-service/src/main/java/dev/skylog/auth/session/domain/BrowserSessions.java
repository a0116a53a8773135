package dev.skylog.auth.session.domain;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import dev.skylog.auth.account.persistence.AccountRepository;
import dev.skylog.auth.registration.domain.RegistrationPolicy;
import dev.skylog.auth.session.persistence.WebSessionRepository;
import dev.skylog.auth.token.crypto.SecretDigest;
import dev.skylog.auth.web.AuthProblem;

/**
 * Skylog sessions: each login starts one, identified by a random refresh secret (the cookie) of which only
 * the SHA-256 is stored, and yields short-lived JWTs. Refreshing rotates the secret.
 */
@Service
public class BrowserSessions {

	private final WebSessionRepository sessions;

	private final AccountRepository accounts;

	private final SessionTokens tokens;

	private final SessionProperties properties;

	private final RegistrationPolicy registration;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	public BrowserSessions(WebSessionRepository sessions, AccountRepository accounts, SessionTokens tokens,
			SessionProperties properties, RegistrationPolicy registration, Clock clock) {
		this.sessions = sessions;
		this.accounts = accounts;
		this.tokens = tokens;
		this.properties = properties;
		this.registration = registration;
		this.clock = clock;
	}

	public Mono<StartedSession> start(String did, String handle) {
		UUID id = UUID.randomUUID();
		String secret = newSecret();
		Instant refreshExpiresAt = this.clock.instant().plus(this.properties.refreshTtl());
		return this.sessions.create(id, did, SecretDigest.sha256(secret), refreshExpiresAt)
			.thenReturn(new StartedSession(did, this.tokens.issue(did, handle, id, this.registration.isAdmin(did)),
					secret, refreshExpiresAt));
	}

	public Mono<StartedSession> refresh(String secret) {
		String next = newSecret();
		Instant now = this.clock.instant();
		Instant refreshExpiresAt = now.plus(this.properties.refreshTtl());
		return this.sessions.rotate(SecretDigest.sha256(secret), SecretDigest.sha256(next), now, refreshExpiresAt)
			.switchIfEmpty(Mono.error(BrowserSessions::notLoggedIn))
			.flatMap((session) -> this.accounts.findByDid(session.did())
				.switchIfEmpty(Mono.error(BrowserSessions::notLoggedIn))
				.map((account) -> new StartedSession(account.did(),
						this.tokens.issue(account.did(), account.handle(), session.id(),
								this.registration.isAdmin(account.did())),
						next, refreshExpiresAt)));
	}

	/** Ends the session the cookie belongs to; answers its account, or nothing when there was none. */
	public Mono<String> end(String secret) {
		return this.sessions.revokeByHash(SecretDigest.sha256(secret), this.clock.instant()).map(WebSessionRepository.ActiveSession::did);
	}

	public Mono<Void> end(UUID sessionId) {
		return this.sessions.revoke(sessionId, this.clock.instant());
	}

	public Mono<Boolean> isActive(UUID sessionId) {
		return this.sessions.isActive(sessionId, this.clock.instant());
	}

	private String newSecret() {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static AuthProblem notLoggedIn() {
		return new AuthProblem(HttpStatus.UNAUTHORIZED, "not_logged_in", "Not logged in",
				"The session has ended or was never started; log in again.");
	}

	/**
	 * A session JWT and the refresh secret that continues the session.
	 */
	public record StartedSession(String did, SessionTokens.IssuedToken jwt, String refreshSecret,
			Instant refreshExpiresAt) {

		@Override
		public String toString() {
			return "StartedSession[did=" + this.did + ", refreshExpiresAt=" + this.refreshExpiresAt + "]";
		}

	}

}
