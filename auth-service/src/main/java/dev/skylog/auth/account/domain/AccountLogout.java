package dev.skylog.auth.account.domain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import dev.skylog.atproto.AtprotoClient;
import dev.skylog.auth.account.events.AccountAnnouncements;
import dev.skylog.auth.account.persistence.AccountRepository;
import dev.skylog.auth.token.crypto.TokenCipher;
import dev.skylog.auth.token.crypto.TokenCipher.TokenRole;
import dev.skylog.events.account.AccountDeleted;

/**
 * Ends an account's Bluesky session (logout) or the account itself (deletion). Either way the Bluesky session
 * is deleted at the PDS first, so the tokens Skylog held are worthless even if a copy survived somewhere.
 */
@Service
public class AccountLogout {

	private static final Logger logger = LoggerFactory.getLogger(AccountLogout.class);

	private final AccountRepository accounts;

	private final TokenCipher cipher;

	private final AtprotoClient bluesky;

	private final AccountAnnouncements announcements;

	private final TransactionalOperator transaction;

	public AccountLogout(AccountRepository accounts, TokenCipher cipher, AtprotoClient bluesky,
			AccountAnnouncements announcements, TransactionalOperator transaction) {
		this.accounts = accounts;
		this.cipher = cipher;
		this.bluesky = bluesky;
		this.announcements = announcements;
		this.transaction = transaction;
	}

	/** Logs out: Skylog keeps the archive but can no longer fetch until the person logs in again. */
	public Mono<Void> logOut(String did) {
		return this.accounts.findByDid(did)
			.flatMap((account) -> deleteBlueskySession(account)
				.then(this.transaction.transactional(this.accounts.requireReauth(did)
					.filter(Boolean::booleanValue)
					.flatMap((changed) -> this.announcements.reauthRequired(did, "logged out")))));
	}

	/** Deletes the account: its tokens and sessions here, and everything other services hold of it. */
	public Mono<Boolean> delete(String did) {
		// The row goes and its AccountDeleted is written to the outbox in one transaction: archive and stats hear of
		// it even if Kafka is down now, and a failure leaves the account there to delete again. The row first: its
		// lock orders the deletion after a login that committed before it, and before one that commits after.
		return this.accounts.findByDid(did)
			.flatMap((account) -> deleteBlueskySession(account)
				.then(this.transaction.transactional(this.accounts.delete(did)
					.flatMap((deleted) -> deleted
							? this.announcements.deleted(did, AccountDeleted.Reason.USER_REQUEST).thenReturn(true)
							: Mono.just(false)))))
			.defaultIfEmpty(false);
	}

	// Best effort: a PDS that is down must not keep a person from leaving Skylog.
	private Mono<Void> deleteBlueskySession(Account account) {
		if (!account.tokens().present()) {
			return Mono.empty();
		}
		return Mono.fromSupplier(() -> this.cipher.open(account.tokens().refreshJwt(), account.tokens().keyId(),
				account.did(), TokenRole.REFRESH))
			.flatMap((refresh) -> this.bluesky.deleteSession(account.pdsUrl(), refresh))
			.onErrorResume((ex) -> {
				logger.warn("Could not delete the Bluesky session of {}: {}", account.did(), ex.getClass().getSimpleName());
				return Mono.empty();
			});
	}

}
