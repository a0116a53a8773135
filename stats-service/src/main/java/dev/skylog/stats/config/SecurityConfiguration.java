package dev.skylog.stats.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;

import dev.skylog.stats.web.StatsProblem;
import dev.skylog.web.problem.ProblemWriter;

/**
 * Statistics need no session unless private; the rebuild needs an administrator's. Who the caller is comes only
 * from a Skylog session JWT checked against auth-service's JWKS ({@code spring.security.oauth2.resourceserver.jwt.*}),
 * which the gateway forwards; a token that fails the check is a 401, never a silent anonymous read.
 */
@Configuration(proxyBeanMethods = false)
// The command-line rebuild runs without a web server: nothing to secure there.
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class SecurityConfiguration {

	@Bean
	SecurityWebFilterChain api(ServerHttpSecurity http) {
		return http
			.authorizeExchange((exchanges) -> exchanges
				.pathMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus")
				.permitAll()
				.pathMatchers("/api/stats/admin/**")
				.authenticated()
				.pathMatchers(HttpMethod.GET, "/api/stats/**", "/v3/api-docs/**")
				.permitAll()
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

	private static ServerAuthenticationEntryPoint unauthorized() {
		return (exchange, ex) -> ProblemWriter.write(exchange.getResponse(), StatsProblem.notLoggedIn());
	}

}
