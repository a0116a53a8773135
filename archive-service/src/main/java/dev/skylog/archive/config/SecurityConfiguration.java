package dev.skylog.archive.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

import dev.skylog.archive.web.ArchiveProblem;
import dev.skylog.web.session.BearerSessions;

/**
 * Reading an archive needs no session; who the caller is (the owner, for private archives, likes, export and
 * hiding) comes only from the Skylog session JWT the gateway forwards, checked again here.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	@Bean
	SecurityWebFilterChain api(ServerHttpSecurity http) {
		return BearerSessions.apply(http, ArchiveProblem.notLoggedIn(), ArchiveProblem.ownerOnly())
			.authorizeExchange((exchanges) -> exchanges
				.pathMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus")
				.permitAll()
				.pathMatchers(HttpMethod.GET, "/api/archive/**", "/v3/api-docs/**")
				.permitAll()
				.pathMatchers(HttpMethod.DELETE, "/api/archive/*/posts/*")
				.authenticated()
				.anyExchange()
				.denyAll())
			.build();
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
