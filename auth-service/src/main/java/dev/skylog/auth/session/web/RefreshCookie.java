package dev.skylog.auth.session.web;

import java.time.Duration;
import java.time.Instant;

import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import dev.skylog.auth.session.domain.SessionProperties;

/**
 * The browser's refresh cookie: HttpOnly so scripts cannot read it, SameSite=Lax so other sites cannot make the
 * browser use it in a POST, and scoped to {@code /api/auth} so it travels with no other request.
 */
@Component
public class RefreshCookie {

	static final String PATH = "/api/auth";

	private final SessionProperties properties;

	public RefreshCookie(SessionProperties properties) {
		this.properties = properties;
	}

	public void set(ServerWebExchange exchange, String secret, Instant expiresAt) {
		exchange.getResponse().addCookie(cookie(secret, Duration.between(Instant.now(), expiresAt)));
	}

	public void clear(ServerWebExchange exchange) {
		exchange.getResponse().addCookie(cookie("", Duration.ZERO));
	}

	public String read(ServerWebExchange exchange) {
		var cookie = exchange.getRequest().getCookies().getFirst(this.properties.cookieName());
		return (cookie != null && !cookie.getValue().isBlank()) ? cookie.getValue() : null;
	}

	private ResponseCookie cookie(String value, Duration maxAge) {
		return ResponseCookie.from(this.properties.cookieName(), value)
			.httpOnly(true)
			.secure(this.properties.secureCookie())
			.sameSite("Lax")
			.path(PATH)
			.maxAge(maxAge)
			.build();
	}

}
