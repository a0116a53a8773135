package dev.skylog.auth.session.web;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.skylog.auth.account.domain.AccountLogout;
import dev.skylog.auth.login.web.SessionResponse;
import dev.skylog.auth.session.domain.BrowserSessions;
import dev.skylog.auth.session.domain.SessionKeys;
import dev.skylog.auth.web.AuthProblem;

@RestController
public class SessionController {

	private final BrowserSessions sessions;

	private final RefreshCookie refreshCookie;

	private final AccountLogout logout;

	private final SessionKeys keys;

	public SessionController(BrowserSessions sessions, RefreshCookie refreshCookie, AccountLogout logout,
			SessionKeys keys) {
		this.sessions = sessions;
		this.refreshCookie = refreshCookie;
		this.logout = logout;
		this.keys = keys;
	}

	/** A new session JWT for the browser's refresh cookie, which is rotated at the same time. */
	@PostMapping("/api/auth/session/refresh")
	Mono<SessionResponse> refresh(ServerWebExchange exchange) {
		String secret = this.refreshCookie.read(exchange);
		if (secret == null) {
			return Mono.error(new AuthProblem(HttpStatus.UNAUTHORIZED, "not_logged_in",
					"Not logged in", "No session cookie."));
		}
		return this.sessions.refresh(secret).map((session) -> {
			this.refreshCookie.set(exchange, session.refreshSecret(), session.refreshExpiresAt());
			return SessionResponse.of(session);
		});
	}

	/**
	 * Ends the Skylog session and the Bluesky session behind it. Always answers 204: logging out twice, or
	 * without a session, leaves the caller logged out either way.
	 */
	@PostMapping("/api/auth/logout")
	Mono<ResponseEntity<Void>> logout(ServerWebExchange exchange, @AuthenticationPrincipal Jwt jwt) {
		String secret = this.refreshCookie.read(exchange);
		this.refreshCookie.clear(exchange);
		Mono<String> ended;
		if (secret != null) {
			ended = this.sessions.end(secret);
		}
		else if (jwt != null) {
			ended = this.sessions.end(UUID.fromString(jwt.getClaimAsString("sid"))).thenReturn(jwt.getSubject());
		}
		else {
			ended = Mono.empty();
		}
		return ended.flatMap(this.logout::logOut).thenReturn(ResponseEntity.noContent().build());
	}

	/** The public keys session JWTs are signed with, for the gateway to verify them without calling here. */
	@GetMapping("/.well-known/jwks.json")
	Mono<Map<String, Object>> jwks() {
		return Mono.just(this.keys.publicKeys().toJSONObject());
	}

}
