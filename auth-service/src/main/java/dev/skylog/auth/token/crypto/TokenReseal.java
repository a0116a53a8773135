package dev.skylog.auth.token.crypto;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import dev.skylog.auth.account.domain.Account;
import dev.skylog.auth.account.persistence.AccountRepository;
import dev.skylog.auth.token.crypto.TokenCipher.TokenRole;

/**
 * Re-seals tokens sealed under an old key with the active one. Rotating a key is: add the new key, make it
 * active, let this run (at start, or on demand), then remove the old key once no row uses it.
 */
@Component
public class TokenReseal {

	private static final Logger logger = LoggerFactory.getLogger(TokenReseal.class);

	private final AccountRepository accounts;

	private final TokenCipher cipher;

	private final TokenEncryptionProperties properties;

	private final TransactionalOperator transaction;

	public TokenReseal(AccountRepository accounts, TokenCipher cipher, TokenEncryptionProperties properties,
			TransactionalOperator transaction) {
		this.accounts = accounts;
		this.cipher = cipher;
		this.properties = properties;
		this.transaction = transaction;
	}

	@EventListener(ApplicationReadyEvent.class)
	void onStart() {
		if (this.properties.resealOnStart()) {
			resealAll().subscribe((count) -> {
				if (count > 0) {
					logger.info("Re-sealed the tokens of {} accounts under key {}", count, this.cipher.activeKeyId());
				}
			}, (ex) -> logger.error("Re-sealing tokens failed", ex));
		}
	}

	/** Answers how many accounts were re-sealed. */
	public Mono<Long> resealAll() {
		String active = this.cipher.activeKeyId();
		// Under the refresh lock, re-reading the row: a refresh that rotated the tokens meanwhile must not be
		// overwritten with the retired ones.
		return this.accounts.findSealedUnderOtherKey(active)
			.concatMap((stale) -> this.transaction.transactional(this.accounts.lockForRefresh(stale.did())
				.then(this.accounts.findByDid(stale.did()))
				.filter((account) -> account.tokens().present() && !active.equals(account.tokens().keyId()))
				.flatMap((account) -> this.accounts.saveTokens(account.did(), reseal(account)).thenReturn(account))))
			.count();
	}

	private Account.SealedTokens reseal(Account account) {
		Account.SealedTokens old = account.tokens();
		return new Account.SealedTokens(
				this.cipher.seal(this.cipher.open(old.accessJwt(), old.keyId(), account.did(), TokenRole.ACCESS),
						account.did(), TokenRole.ACCESS),
				this.cipher.seal(this.cipher.open(old.refreshJwt(), old.keyId(), account.did(), TokenRole.REFRESH),
						account.did(), TokenRole.REFRESH),
				this.cipher.activeKeyId(), old.accessExpiresAt());
	}

}
