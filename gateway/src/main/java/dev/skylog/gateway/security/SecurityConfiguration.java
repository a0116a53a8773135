package dev.skylog.gateway.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;

import dev.skylog.web.problem.ApiProblem;
import dev.skylog.web.session.BearerSessions;

/**
 * The front door checks a Skylog session before any backend sees it: a bearer token must be a session JWT
 * signed by auth-service (JWKS fetched on first use and cached, refetched when a new key id appears), for
 * issuer and audience {@code skylog}, unexpired — otherwise 401 here. Backends receive the same token and check
 * it again, so nothing a client adds can make it someone else. Anonymous requests pass: each backend decides
 * what anonymous callers may read. Sessions travel as bearer tokens, which a browser never attaches by itself;
 * auth-service guards its own refresh cookie (SameSite, origin check).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	// 'self' only: no inline script, no third-party origin; images may come from Bluesky's CDN (https:).
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' https: data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	@Bean
	SecurityWebFilterChain gateway(ServerHttpSecurity http) {
		return BearerSessions.apply(http,
				new ApiProblem(HttpStatus.UNAUTHORIZED, "not_logged_in", "Not logged in",
						"The session is not valid: log in again."),
				new ApiProblem(HttpStatus.FORBIDDEN, "not_allowed", "Not allowed", "This session may not do that."))
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
				.frameOptions((frames) -> frames.mode(Mode.DENY)))
			.build();
	}

}
