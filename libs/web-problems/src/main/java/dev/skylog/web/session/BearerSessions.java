package dev.skylog.web.session;

import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Stream;

import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;

import dev.skylog.web.problem.ApiProblem;
import dev.skylog.web.problem.ProblemWriter;

/**
 * How every Skylog API accepts a session: a bearer JWT from auth-service, checked against its JWKS
 * ({@code spring.security.oauth2.resourceserver.jwt.*}); a token that fails the check is a 401 problem, never a
 * silent anonymous request. Bearer tokens only, never a cookie another site could make a browser send, so no
 * CSRF token, form login, basic auth or logout page.
 */
public final class BearerSessions {

	private BearerSessions() {
	}

	/**
	 * What Spring Security's request firewall answers for a request it will not pass on (an encoded NUL or line
	 * break in the path, a malformed host): a 400 problem, like every other refusal, instead of an empty 400.
	 */
	public static ServerExchangeRejectedHandler rejectedRequests() {
		return (exchange, ex) -> ProblemWriter.write(exchange.getResponse(), new ApiProblem(HttpStatus.BAD_REQUEST,
				"request_rejected", "Request rejected", "The request's path or headers are not acceptable."));
	}

	public static ServerHttpSecurity apply(ServerHttpSecurity http, ApiProblem unauthorized, ApiProblem forbidden) {
		ServerAuthenticationEntryPoint entryPoint = (exchange, ex) -> ProblemWriter.write(exchange.getResponse(),
				unauthorized);
		ServerAccessDeniedHandler denied = (exchange, ex) -> ProblemWriter.write(exchange.getResponse(), forbidden);
		return http
			.oauth2ResourceServer((server) -> server.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(denied))
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable);
	}

	/** Session JWTs carry {@code scope} "user" or "user admin" (auth-service's SessionTokens); a list works too. */
	public static boolean hasScope(Jwt session, String scope) {
		if (session == null) {
			return false;
		}
		Stream<String> scopes = switch (session.getClaims().get("scope")) {
			case String text -> Arrays.stream(text.trim().split("\\s+"));
			case Collection<?> list -> list.stream().map(String::valueOf);
			case null, default -> Stream.empty();
		};
		return scopes.anyMatch(scope::equals);
	}

}
