package dev.skylog.auth.account.web;

import java.time.DateTimeException;
import java.time.ZoneId;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import dev.skylog.auth.account.domain.AccountLogout;
import dev.skylog.auth.account.events.AccountAnnouncements;
import dev.skylog.auth.account.persistence.AccountRepository;
import dev.skylog.auth.registration.domain.RegistrationPolicy;
import dev.skylog.auth.web.AuthProblem;
import dev.skylog.events.account.AccountSettings;

/** The logged-in person's own account. */
@RestController
public class AccountController {

	private final AccountRepository accounts;

	private final AccountAnnouncements announcements;

	private final AccountLogout logout;

	private final RegistrationPolicy registration;

	private final TransactionalOperator transaction;

	public AccountController(AccountRepository accounts, AccountAnnouncements announcements, AccountLogout logout,
			RegistrationPolicy registration, TransactionalOperator transaction) {
		this.accounts = accounts;
		this.announcements = announcements;
		this.logout = logout;
		this.registration = registration;
		this.transaction = transaction;
	}

	@GetMapping("/api/auth/me")
	Mono<AccountView> me(@AuthenticationPrincipal Jwt jwt) {
		return this.accounts.findByDid(jwt.getSubject())
			.switchIfEmpty(Mono.error(() -> AuthProblem.accountNotFound(jwt.getSubject())))
			.map((account) -> AccountView.of(account, this.registration.isAdmin(account.did())));
	}

	@PutMapping("/api/auth/me/settings")
	Mono<SettingsView> changeSettings(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody SettingsView request) {
		AccountSettings settings = new AccountSettings(zone(request.timeZone()), request.visibility(),
				request.allowCrawlers());
		String did = jwt.getSubject();
		// The row is updated (and locked) first, then the change announced in the same transaction: a deletion that
		// committed in between leaves nothing to change and nothing to announce.
		return this.transaction.transactional(this.accounts.saveSettings(did, settings)
			.filter(Boolean::booleanValue)
			.switchIfEmpty(Mono.error(() -> AuthProblem.accountNotFound(did)))
			.then(this.announcements.settingsChanged(did, settings)))
			.thenReturn(SettingsView.of(settings));
	}

	/** Deletes the account; archive and stats delete everything of it when they see AccountDeleted. */
	@DeleteMapping("/api/auth/me")
	Mono<ResponseEntity<Void>> delete(@AuthenticationPrincipal Jwt jwt) {
		return this.logout.delete(jwt.getSubject())
			.map((deleted) -> deleted ? ResponseEntity.noContent().<Void>build()
					: ResponseEntity.notFound().<Void>build());
	}

	/** An invitation code for one new account (administrators, registration mode {@code invitation}). */
	@PostMapping("/api/auth/invitations")
	Mono<ResponseEntity<InvitationView>> invite(@AuthenticationPrincipal Jwt jwt) {
		return this.registration.issueInvitation(jwt.getSubject())
			.map((code) -> ResponseEntity.status(HttpStatus.CREATED).body(new InvitationView(code)));
	}

	// Region names only: PostgreSQL reads an offset like "+09:00" as a POSIX zone, where plus means west of UTC,
	// so the archive and the statistics would put every post on the wrong day.
	private static ZoneId zone(String id) {
		try {
			if (id == null || !ZoneId.getAvailableZoneIds().contains(id)) {
				throw new DateTimeException("not a region");
			}
			return ZoneId.of(id);
		}
		catch (DateTimeException ex) {
			throw new AuthProblem(HttpStatus.BAD_REQUEST, "invalid_time_zone", "Invalid time zone",
					"Not an IANA time zone: use a name like Asia/Tokyo or Europe/Berlin.");
		}
	}

	/** A fresh invitation code; only shown once. */
	public record InvitationView(String code) {

	}

}
