package dev.skylog.auth.token.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import dev.skylog.atproto.AtprotoClient;
import dev.skylog.atproto.server.SecretToken;
import dev.skylog.atproto.server.Session;
import dev.skylog.atproto.xrpc.XrpcException;
import dev.skylog.auth.account.domain.Account;
import dev.skylog.auth.account.domain.AccountStatus;
import dev.skylog.auth.account.events.AccountAnnouncements;
import dev.skylog.auth.account.persistence.AccountRepository;
import dev.skylog.auth.token.crypto.TokenCipher;
import dev.skylog.auth.token.crypto.TokenCipher.TokenRole;
import dev.skylog.auth.web.AuthProblem;
import dev.skylog.auth.web.BlueskyFailures;

/**
 * Hands out valid Bluesky access tokens, refreshing them when they are about to expire.
 *
 * <p>Bluesky rotates refresh tokens: each {@code refreshSession} returns a new one and retires the old. Two
 * refreshes of one account racing each other would each store a different "newest" token, and once the
 * grace period passes one of them is dead. So refreshes are single-flight per account: concurrent callers in
 * this replica share one refresh, and across replicas a PostgreSQL advisory lock serialises them; whoever
 * gets the lock second re-reads the row and finds the token already fresh. The rotated token is stored before
 * anyone is answered.
 */
@Service
public class AccessTokens {

	private static final Logger logger = LoggerFactory.getLogger(AccessTokens.class);

	private static final String REFRESHES = "skylog.auth.token.refreshes";

	private final AccountRepository accounts;

	private final TokenCipher cipher;

	private final AtprotoClient bluesky;

	private final AccountAnnouncements announcements;

	private final TransactionalOperator transaction;

	private final TokenRefreshProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	private final ConcurrentHashMap<String, Mono<AccessGrant>> refreshing = new ConcurrentHashMap<>();

	public AccessTokens(AccountRepository accounts, TokenCipher cipher, AtprotoClient bluesky,
			AccountAnnouncements announcements, TransactionalOperator transaction, TokenRefreshProperties properties,
			Clock clock, MeterRegistry meters) {
		this.accounts = accounts;
		this.cipher = cipher;
		this.bluesky = bluesky;
		this.announcements = announcements;
		this.transaction = transaction;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
		// From the start, so "refreshes failing" shows as a ratio over 0s rather than no data.
		for (String outcome : new String[] { "refreshed", "session_gone" }) {
			meters.counter(REFRESHES, "outcome", outcome);
		}
	}

	public Mono<AccessGrant> accessTokenFor(String did) {
		return accessTokenFor(did, false);
	}

	/**
	 * @param refresh refresh even if the token looks valid: the PDS refused it ({@code ExpiredToken}), so the
	 * stored expiry is not to be trusted (clock skew, a revoked access token)
	 */
	public Mono<AccessGrant> accessTokenFor(String did, boolean refresh) {
		return this.accounts.findByDid(did)
			.switchIfEmpty(Mono.error(() -> AuthProblem.accountNotFound(did)))
			.flatMap((account) -> {
				requireUsable(account);
				return (isFresh(account) && !refresh) ? Mono.just(open(account)) : sharedRefresh(did, account);
			});
	}

	// One refresh per account in this replica; later callers subscribe to the one in flight.
	private Mono<AccessGrant> sharedRefresh(String did, Account seen) {
		return this.refreshing.computeIfAbsent(did,
				(key) -> refreshUnderLock(key, seen).doFinally((signal) -> this.refreshing.remove(key)).cache());
	}

	private Mono<AccessGrant> refreshUnderLock(String did, Account seen) {
		Mono<AccessGrant> refresh = this.accounts.lockForRefresh(did)
			.then(this.accounts.findByDid(did))
			.switchIfEmpty(Mono.error(() -> AuthProblem.accountNotFound(did)))
			.flatMap((account) -> {
				requireUsable(account);
				if (isFresh(account) && storedSince(seen, account)) {
					// Another caller refreshed while this one waited for the lock.
					return Mono.just(open(account));
				}
				SecretToken refreshJwt = this.cipher.open(account.tokens().refreshJwt(), account.tokens().keyId(),
						did, TokenRole.REFRESH);
				return this.bluesky.refreshSession(account.pdsUrl(), refreshJwt)
					.flatMap((session) -> store(account, session));
			});
		return this.transaction.transactional(refresh)
			.doOnSuccess((grant) -> count("refreshed"))
			.onErrorResume(XrpcException.class,
					(ex) -> ex.isSessionGone() ? sessionGone(did, ex) : Mono.error(BlueskyFailures.problem(ex)))
			.onErrorMap(BlueskyFailures::isUnreachable, BlueskyFailures::unreachable);
	}

	private Mono<AccessGrant> store(Account account, Session session) {
		Instant expiresAt = JwtExpiry.of(session.accessJwt());
		Account.SealedTokens sealed = new Account.SealedTokens(
				this.cipher.seal(session.accessJwt(), account.did(), TokenRole.ACCESS),
				this.cipher.seal(session.refreshJwt(), account.did(), TokenRole.REFRESH), this.cipher.activeKeyId(),
				expiresAt);
		return this.accounts.saveTokens(account.did(), sealed)
			.thenReturn(new AccessGrant(account.did(), session.accessJwt(), account.pdsUrl(), expiresAt));
	}

	private Mono<AccessGrant> sessionGone(String did, XrpcException cause) {
		count("session_gone");
		logger.info("Bluesky refused the refresh token of {} ({}); the account must log in again", did, cause.error());
		return this.transaction.transactional(this.accounts.requireReauth(did)
			.filter(Boolean::booleanValue)
			.flatMap((changed) -> this.announcements.reauthRequired(did, cause.error() + ": " + cause.getMessage())))
			.then(Mono.error(AuthProblem.reauthRequired(did)));
	}

	private void requireUsable(Account account) {
		if (account.status() == AccountStatus.REAUTH_REQUIRED || !account.tokens().present()) {
			throw AuthProblem.reauthRequired(account.did());
		}
		if (account.status() != AccountStatus.ACTIVE) {
			throw AuthProblem.accountNotFound(account.did());
		}
	}

	private boolean isFresh(Account account) {
		Instant expiresAt = account.tokens().accessExpiresAt();
		return expiresAt != null && expiresAt.isAfter(this.clock.instant().plus(this.properties.refreshAhead()));
	}

	/*
	 * Compares the sealed bytes, not the tokens: a refresh within the same second as the previous one can
	 * return a byte-identical access JWT (its claims carry no nonce), while every seal draws a fresh nonce.
	 */
	private static boolean storedSince(Account seen, Account now) {
		return !Arrays.equals(seen.tokens().accessJwt(), now.tokens().accessJwt());
	}

	private AccessGrant open(Account account) {
		return new AccessGrant(account.did(),
				this.cipher.open(account.tokens().accessJwt(), account.tokens().keyId(), account.did(), TokenRole.ACCESS),
				account.pdsUrl(), account.tokens().accessExpiresAt());
	}

	private void count(String outcome) {
		this.meters.counter(REFRESHES, "outcome", outcome).increment();
	}

}
