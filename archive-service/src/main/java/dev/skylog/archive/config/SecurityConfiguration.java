package dev.skylog.archive.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;

import dev.skylog.archive.web.ArchiveProblem;
import dev.skylog.web.problem.ProblemWriter;

/**
 * Reading an archive needs no session; who the caller is (the owner, for private archives, likes, export and
 * hiding) comes only from a Skylog session JWT checked against auth-service's JWKS
 * ({@code spring.security.oauth2.resourceserver.jwt.*}: ES256 signature, issuer, audience, expiry). The gateway
 * forwards the caller's token; a token that fails the check is a 401, never a silent anonymous read.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	@Bean
	SecurityWebFilterChain api(ServerHttpSecurity http) {
		return http
			.authorizeExchange((exchanges) -> exchanges
				.pathMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus")
				.permitAll()
				.pathMatchers(HttpMethod.GET, "/api/archive/**", "/v3/api-docs/**")
				.permitAll()
				.pathMatchers(HttpMethod.DELETE, "/api/archive/*/posts/*")
				.authenticated()
				.anyExchange()
				.denyAll())
			.oauth2ResourceServer((server) -> server.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(unauthorized()))
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(unauthorized()))
			// Bearer tokens only, never a cookie another site could make a browser send: nothing to forge.
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.build();
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	private static ServerAuthenticationEntryPoint unauthorized() {
		return (exchange, ex) -> ProblemWriter.write(exchange.getResponse(), ArchiveProblem.notLoggedIn());
	}

}
