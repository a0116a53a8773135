package dev.skylog.gateway.security;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

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

	/**
	 * The policy, with {@code skylog.gateway.extra-image-sources} allowed too (the local devnet serves avatars
	 * over plain http from its PDS).
	 */
	static String contentSecurityPolicy(List<String> extraImageSources) {
		String extra = extraImageSources.stream()
			.filter((source) -> source.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?"))
			.map((source) -> " " + source)
			.reduce("", String::concat);
		return CONTENT_SECURITY_POLICY.replace("img-src 'self' https: data:;", "img-src 'self' https: data:" + extra + ";");
	}

	/**
	 * Other origins may call {@code /api/**} only when listed in {@code skylog.gateway.cors.allowed-origins} (none by
	 * default: the web UI is served from the gateway's own origin).
	 */
	@Bean
	CorsConfigurationSource corsConfigurationSource(
			@Value("${skylog.gateway.cors.allowed-origins:}") List<String> allowedOrigins) {
		CorsConfiguration api = new CorsConfiguration();
		api.setAllowedOrigins(allowedOrigins.stream().filter((origin) -> !origin.isBlank()).toList());
		api.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
		api.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE));
		api.setExposedHeaders(List.of(HttpHeaders.RETRY_AFTER));
		api.setMaxAge(Duration.ofHours(1));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/api/**", api);
		return source;
	}

	@Bean
	ServerExchangeRejectedHandler rejectedRequests() {
		return BearerSessions.rejectedRequests();
	}

	@Bean
	SecurityWebFilterChain gateway(ServerHttpSecurity http,
			@Value("${skylog.gateway.extra-image-sources:}") List<String> extraImageSources) {
		return BearerSessions.apply(http,
				new ApiProblem(HttpStatus.UNAUTHORIZED, "not_logged_in", "Not logged in",
						"The session is not valid: log in again."),
				new ApiProblem(HttpStatus.FORBIDDEN, "not_allowed", "Not allowed", "This session may not do that."))
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.cors(Customizer.withDefaults())
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(contentSecurityPolicy(extraImageSources)))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
				.frameOptions((frames) -> frames.mode(Mode.DENY)))
			.build();
	}

}
