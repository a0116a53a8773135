package dev.skylog.auth.login.domain;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import dev.skylog.atproto.AtprotoClient;
import dev.skylog.atproto.identity.IdentityNotFoundException;
import dev.skylog.atproto.identity.IdentityResolver;
import dev.skylog.atproto.server.CreateSessionRequest;
import dev.skylog.atproto.server.Session;
import dev.skylog.atproto.xrpc.XrpcException;
import dev.skylog.auth.account.domain.Account;
import dev.skylog.auth.account.events.AccountAnnouncements;
import dev.skylog.auth.account.persistence.AccountRepository;
import dev.skylog.auth.identity.IdentityProperties;
import dev.skylog.auth.identity.PdsEndpointPolicy;
import dev.skylog.auth.registration.domain.RegistrationPolicy;
import dev.skylog.auth.session.domain.BrowserSessions;
import dev.skylog.auth.session.domain.BrowserSessions.StartedSession;
import dev.skylog.auth.token.crypto.TokenCipher;
import dev.skylog.auth.token.crypto.TokenCipher.TokenRole;
import dev.skylog.auth.token.domain.JwtExpiry;
import dev.skylog.auth.web.AuthProblem;
import dev.skylog.auth.web.BlueskyFailures;
import dev.skylog.events.Dids;
import dev.skylog.events.account.AccountSettings;

/**
 * Logs a person in with their Bluesky account: finds the account's PDS, opens a session there with their app
 * password, keeps the tokens sealed, announces the account (which starts its sync) and starts a Skylog session.
 */
@Service
public class LoginService {

	private static final Logger logger = LoggerFactory.getLogger(LoginService.class);

	private static final Pattern EMAIL_ADDRESS = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]+$");

	private final IdentityResolver identities;

	private final AtprotoClient bluesky;

	private final AccountRepository accounts;

	private final TokenCipher cipher;

	private final RegistrationPolicy registration;

	private final AccountAnnouncements announcements;

	private final BrowserSessions sessions;

	private final LoginThrottle throttle;

	private final IdentityProperties identityProperties;

	private final PdsEndpointPolicy pdsPolicy;

	private final MeterRegistry meters;

	private final TransactionalOperator transaction;

	public LoginService(IdentityResolver identities, AtprotoClient bluesky, AccountRepository accounts,
			TokenCipher cipher, RegistrationPolicy registration, AccountAnnouncements announcements,
			BrowserSessions sessions, LoginThrottle throttle, IdentityProperties identityProperties,
			PdsEndpointPolicy pdsPolicy, MeterRegistry meters, TransactionalOperator transaction) {
		this.identities = identities;
		this.bluesky = bluesky;
		this.accounts = accounts;
		this.cipher = cipher;
		this.registration = registration;
		this.announcements = announcements;
		this.sessions = sessions;
		this.throttle = throttle;
		this.identityProperties = identityProperties;
		this.pdsPolicy = pdsPolicy;
		this.meters = meters;
		this.transaction = transaction;
	}

	public Mono<StartedSession> login(LoginAttempt attempt) {
		return Mono.defer(() -> attempt(attempt));
	}

	private Mono<StartedSession> attempt(LoginAttempt attempt) {
		// People paste handles the way Bluesky shows them: "@alice.bsky.social".
		String identifier = attempt.identifier().trim().replaceFirst("^@", "");
		Identifier kind = Identifier.of(identifier);
		Duration wait = this.throttle.waitFor(attempt.clientAddress(), identifier).orElse(null);
		if (wait != null) {
			count("throttled");
			return Mono.error(new AuthProblem(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts", "Too many attempts",
					"Too many failed logins for this identifier; wait before trying again.", wait));
		}
		Mono<String> expectedDid = switch (kind) {
			case DID -> Mono.just(identifier);
			case HANDLE -> this.identities.resolveHandle(identifier);
			case EMAIL -> Mono.empty();
		};
		Mono<String> did = expectedDid.cache();
		return locatePds(did)
			.flatMap((pds) -> this.bluesky
				.createSession(pds, new CreateSessionRequest(identifier, attempt.password(), attempt.authFactorToken()))
				.flatMap((session) -> verified(session, pds, did)))
			.onErrorMap(XrpcException.class, (ex) -> rejected(ex, attempt.clientAddress(), identifier))
			.onErrorMap(IdentityNotFoundException.class, (ex) -> new AuthProblem(HttpStatus.UNAUTHORIZED,
					"unknown_account", "Unknown account", "No Bluesky account is known by that name."))
			.onErrorMap(BlueskyFailures::isUnreachable, BlueskyFailures::unreachable)
			.flatMap((opened) -> link(opened, attempt.invitationCode()))
			.doOnSuccess((started) -> {
				this.throttle.succeeded(attempt.clientAddress(), identifier);
				count("success");
			});
	}

	/**
	 * The server a login goes to: the PDS of the DID the identifier resolves to, or for an e-mail address the
	 * entryway (only it knows which account an address belongs to; accounts hosted elsewhere log in by handle).
	 */
	private Mono<URI> locatePds(Mono<String> did) {
		return did.flatMap((resolved) -> this.identities.resolveDid(resolved))
			.map((document) -> document.pds()
				.orElseThrow(() -> new AuthProblem(HttpStatus.BAD_REQUEST, "no_pds", "No Bluesky server",
						"The account's DID document names no PDS.")))
			.flatMap(this.pdsPolicy::check)
			.defaultIfEmpty(this.identityProperties.entryway());
	}

	/**
	 * Trusts a session only for the account the identifier named, and only at the server that account's own DID
	 * document names: a PDS run by anyone could otherwise answer with someone else's DID and take their archive.
	 * The PDS stored is always the one the DID document names, never one the answering server suggests.
	 */
	private Mono<OpenedSession> verified(Session session, URI answeredBy, Mono<String> expectedDid) {
		return expectedDid.defaultIfEmpty(session.did())
			.flatMap((expected) -> {
				if (!expected.equals(session.did()) || !Dids.isDid(session.did())) {
					return Mono.error(new AuthProblem(HttpStatus.UNAUTHORIZED, "identity_mismatch", "Login failed",
							"The Bluesky server answered for a different account than the one named."));
				}
				return this.identities.resolveDid(session.did());
			})
			.flatMap((document) -> {
				URI pds = document.pds().orElse(null);
				boolean atEntryway = sameServer(answeredBy, this.identityProperties.entryway());
				if (pds == null || (!sameServer(pds, answeredBy) && !atEntryway)) {
					return Mono.error(new AuthProblem(HttpStatus.UNAUTHORIZED, "identity_mismatch", "Login failed",
							"The account's DID document does not name the server that answered."));
				}
				// Stored for the fetcher, which calls it with the account's tokens from then on.
				return this.pdsPolicy.check(pds).map((allowed) -> new OpenedSession(session, allowed));
			});
	}

	private static boolean sameServer(URI a, URI b) {
		return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
				&& effectivePort(a) == effectivePort(b);
	}

	private static int effectivePort(URI uri) {
		return (uri.getPort() > 0) ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
	}

	private Mono<StartedSession> link(OpenedSession opened, String invitationCode) {
		Session session = opened.session();
		Account.SealedTokens sealed = new Account.SealedTokens(
				this.cipher.seal(session.accessJwt(), session.did(), TokenRole.ACCESS),
				this.cipher.seal(session.refreshJwt(), session.did(), TokenRole.REFRESH), this.cipher.activeKeyId(),
				JwtExpiry.of(session.accessJwt()));
		// The invitation it uses, the account row and its announcement commit together, or none of them.
		return this.transaction.transactional(this.accounts.findByDid(session.did())
			.map(Account::settings)
			.switchIfEmpty(Mono.defer(() -> this.registration.admit(session.did(), invitationCode)
				.thenReturn(AccountSettings.defaults())))
			.flatMap((settings) -> this.accounts.saveLogin(session.did(), session.handle(), opened.pds(), sealed)
				.flatMap((firstLink) -> this.announcements.linked(session.did(), session.handle(), opened.pds(),
						firstLink, settings))))
			.then(this.sessions.start(session.did(), session.handle()))
			.doOnSuccess((started) -> logger.info("{} ({}) logged in", session.did(), session.handle()));
	}

	private AuthProblem rejected(XrpcException ex, String clientAddress, String identifier) {
		switch (ex.error()) {
			case "AuthenticationRequired" -> {
				this.throttle.failed(clientAddress, identifier);
				count("wrong_password");
				return new AuthProblem(HttpStatus.UNAUTHORIZED, "invalid_credentials", "Login failed",
						"Wrong identifier or app password.");
			}
			case "AuthFactorTokenRequired" -> {
				count("code_required");
				return new AuthProblem(HttpStatus.UNAUTHORIZED, "auth_factor_required", "Sign-in code required",
						"Bluesky e-mailed a sign-in code to the account's address; send it as authFactorToken.");
			}
			case "AccountTakedown" -> {
				count("takedown");
				return new AuthProblem(HttpStatus.FORBIDDEN, "account_takedown", "Account taken down",
						"Bluesky has taken this account down.");
			}
			case "InvalidRequest" -> {
				return new AuthProblem(HttpStatus.BAD_REQUEST, "invalid_request", "Invalid request",
						"Bluesky refused the login request: " + ex.getMessage());
			}
			default -> {
				count("bluesky_error");
				return BlueskyFailures.problem(ex);
			}
		}
	}

	private void count(String outcome) {
		this.meters.counter("skylog.auth.logins", "outcome", outcome).increment();
	}

	private record OpenedSession(Session session, URI pds) {

	}

	/** What a person logs in with. */
	enum Identifier {

		HANDLE, DID, EMAIL;

		static Identifier of(String identifier) {
			if (Dids.isDid(identifier)) {
				return DID;
			}
			if (EMAIL_ADDRESS.matcher(identifier).matches()) {
				return EMAIL;
			}
			if (IdentityResolver.isHandle(identifier)) {
				return HANDLE;
			}
			throw new AuthProblem(HttpStatus.BAD_REQUEST, "invalid_identifier", "Invalid identifier",
					"Log in with a handle (alice.bsky.social), a DID or an e-mail address.");
		}

	}

}
