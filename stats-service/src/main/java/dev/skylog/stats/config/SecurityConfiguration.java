package dev.skylog.stats.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

import dev.skylog.stats.web.StatsProblem;
import dev.skylog.web.session.BearerSessions;

/**
 * Statistics need no session unless private; the rebuild needs an administrator's. Who the caller is comes only
 * from the Skylog session JWT the gateway forwards, checked again here.
 */
@Configuration(proxyBeanMethods = false)
// The command-line rebuild runs without a web server: nothing to secure there.
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class SecurityConfiguration {

	@Bean
	SecurityWebFilterChain api(ServerHttpSecurity http) {
		return BearerSessions.apply(http, StatsProblem.notLoggedIn(), StatsProblem.adminOnly())
			.authorizeExchange((exchanges) -> exchanges
				.pathMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus")
				.permitAll()
				.pathMatchers("/api/stats/admin/**")
				.authenticated()
				.pathMatchers(HttpMethod.GET, "/api/stats/**", "/v3/api-docs/**")
				.permitAll()
				.anyExchange()
				.denyAll())
			.build();
	}

}
