package dev.skylog.auth.registration.domain;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import dev.skylog.auth.account.persistence.AccountRepository;
import dev.skylog.auth.registration.persistence.InvitationRepository;
import dev.skylog.auth.token.crypto.SecretDigest;
import dev.skylog.auth.web.AuthProblem;

/** Decides whether an account new to Skylog may join, and issues invitation codes. */
@Service
public class RegistrationPolicy {

	private final RegistrationProperties properties;

	private final AccountRepository accounts;

	private final InvitationRepository invitations;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	public RegistrationPolicy(RegistrationProperties properties, AccountRepository accounts,
			InvitationRepository invitations, Clock clock) {
		this.properties = properties;
		this.accounts = accounts;
		this.invitations = invitations;
		this.clock = clock;
	}

	public boolean isAdmin(String did) {
		return this.properties.admins().contains(did);
	}

	/** Completes when {@code did}, not yet an account, may become one; errors with a 403 problem otherwise. */
	public Mono<Void> admit(String did, String invitationCode) {
		if (isAdmin(did)) {
			return Mono.empty();
		}
		return switch (this.properties.mode()) {
			case OPEN -> Mono.empty();
			case SINGLE_USER -> this.accounts.count()
				.flatMap((count) -> (count == 0) ? Mono.<Void>empty() : Mono.error(closed(
						"This Skylog is a personal instance for one account.")));
			case INVITATION -> (invitationCode == null || invitationCode.isBlank())
					? Mono.error(closed("This Skylog needs an invitation code to join."))
					: this.invitations.redeem(SecretDigest.sha256(invitationCode.trim()), did, this.clock.instant())
						.flatMap((redeemed) -> redeemed ? Mono.<Void>empty()
								: Mono.error(closed("The invitation code is unknown or already used.")));
		};
	}

	public Mono<String> issueInvitation(String adminDid) {
		if (!isAdmin(adminDid)) {
			return Mono.error(new AuthProblem(HttpStatus.FORBIDDEN, "not_admin", "Administrators only",
					"Only administrators issue invitation codes."));
		}
		byte[] bytes = new byte[10];
		this.random.nextBytes(bytes);
		String code = "skylog-" + HexFormat.of().formatHex(bytes);
		return this.invitations.create(SecretDigest.sha256(code), adminDid).thenReturn(code);
	}

	private static AuthProblem closed(String detail) {
		return new AuthProblem(HttpStatus.FORBIDDEN, "registration_closed", "Registration closed", detail);
	}

}
