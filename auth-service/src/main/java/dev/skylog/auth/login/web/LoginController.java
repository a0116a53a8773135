package dev.skylog.auth.login.web;

import java.net.InetSocketAddress;

import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.skylog.auth.login.domain.LoginAttempt;
import dev.skylog.auth.login.domain.LoginService;
import dev.skylog.auth.session.web.RefreshCookie;

@RestController
public class LoginController {

	private final LoginService logins;

	private final RefreshCookie refreshCookie;

	public LoginController(LoginService logins, RefreshCookie refreshCookie) {
		this.logins = logins;
		this.refreshCookie = refreshCookie;
	}

	@PostMapping("/api/auth/login")
	Mono<SessionResponse> login(@Valid @RequestBody LoginRequest request, ServerWebExchange exchange) {
		LoginAttempt attempt = new LoginAttempt(request.identifier(), request.password(), request.authFactorToken(),
				request.invitationCode(), clientAddress(exchange));
		return this.logins.login(attempt).map((session) -> {
			this.refreshCookie.set(exchange, session.refreshSecret(), session.refreshExpiresAt());
			return SessionResponse.of(session);
		});
	}

	// With server.forward-headers-strategy the gateway's X-Forwarded-For is already applied here.
	private static String clientAddress(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : "unknown";
	}

}
