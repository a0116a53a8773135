package dev.skylog.scheduler.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

import dev.skylog.web.problem.ApiProblem;
import dev.skylog.web.session.BearerSessions;

/**
 * Who may call what. Reading an account's sync state: anyone. Requesting a sync: a Skylog session JWT, checked
 * against auth-service's JWKS ({@code spring.security.oauth2.resourceserver.jwt.*}: signature, issuer, audience,
 * expiry); whose account it may be is the controller's decision. The actuator (on its own port) answers only
 * health, info and Prometheus; everything else is refused.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	@Bean
	SecurityWebFilterChain api(ServerHttpSecurity http) {
		// The JWKS is fetched on the first token to check, not at start: the scheduler boots while auth-service
		// is still starting.
		return BearerSessions.apply(http,
				new ApiProblem(HttpStatus.UNAUTHORIZED, "not_logged_in", "Not logged in", "A Skylog session is needed."),
				new ApiProblem(HttpStatus.FORBIDDEN, "not_allowed", "Not allowed", "This session may not do that."))
			.authorizeExchange((exchanges) -> exchanges
				.pathMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus")
				.permitAll()
				.pathMatchers(HttpMethod.GET, "/api/sync/**", "/v3/api-docs/**")
				.permitAll()
				.pathMatchers(HttpMethod.POST, "/api/sync/**")
				.authenticated()
				.anyExchange()
				.denyAll())
			.build();
	}

}
