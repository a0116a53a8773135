package dev.skylog.auth.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.skylog.auth.session.domain.SessionKeys;
import dev.skylog.auth.session.domain.SessionProperties;
import dev.skylog.auth.token.web.InternalApiProperties;
import dev.skylog.web.problem.ApiProblem;
import dev.skylog.web.problem.ProblemWriter;

/**
 * Who may call what. {@code /internal/**}: only services holding the internal credential. Login, session
 * refresh, logout and the JWKS: anyone. Everything else under {@code /api/**}: a valid Skylog session JWT. The
 * actuator (on its own port) answers only health, info and Prometheus.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	@Bean
	@Order(1)
	SecurityWebFilterChain internalApi(ServerHttpSecurity http, InternalApiProperties properties) {
		AuthenticationWebFilter serviceCredential = new AuthenticationWebFilter(serviceTokenCheck(properties));
		serviceCredential.setServerAuthenticationConverter(new ServerBearerTokenAuthenticationConverter());
		serviceCredential.setAuthenticationFailureHandler(
				(exchange, ex) -> ProblemWriter.write(exchange.getExchange().getResponse(), new ApiProblem(
						HttpStatus.UNAUTHORIZED, "service_credential_required", "Service credential required",
						"The internal API needs the service credential.")));
		return withoutBrowserForms(http).securityMatcher(ServerWebExchangeMatchers.pathMatchers("/internal/**"))
			.authorizeExchange((exchanges) -> exchanges.anyExchange().hasRole("SERVICE"))
			.addFilterAt(serviceCredential, SecurityWebFiltersOrder.AUTHENTICATION)
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(unauthorized())
				.accessDeniedHandler(forbidden()))
			.build();
	}

	@Bean
	@Order(2)
	SecurityWebFilterChain api(ServerHttpSecurity http, ReactiveJwtDecoder sessionDecoder) {
		return withoutBrowserForms(http)
			.authorizeExchange((exchanges) -> exchanges
				.pathMatchers(HttpMethod.POST, "/api/auth/login", "/api/auth/session/refresh", "/api/auth/logout")
				.permitAll()
				.pathMatchers(HttpMethod.GET, "/.well-known/jwks.json", "/v3/api-docs/**")
				.permitAll()
				.pathMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus")
				.permitAll()
				.anyExchange()
				.authenticated())
			.oauth2ResourceServer((server) -> server.bearerTokenConverter(bearerTokenOutsideSessionStart())
				.jwt((jwt) -> jwt.jwtDecoder(sessionDecoder))
				.authenticationEntryPoint(unauthorized())
				.accessDeniedHandler(forbidden()))
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(unauthorized())
				.accessDeniedHandler(forbidden()))
			.build();
	}

	/**
	 * No CSRF tokens, basic auth, login form or logout page: browsers authenticate with a bearer token held in
	 * memory, not with a cookie another site could make them send; the one cookie (the refresh cookie) is
	 * SameSite=Lax and only refreshes or logs out.
	 */
	private static ServerHttpSecurity withoutBrowserForms(ServerHttpSecurity http) {
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable);
	}

	@Bean
	JwtEncoder sessionEncoder(SessionKeys keys) {
		return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(keys.signingKey())));
	}

	@Bean
	ReactiveJwtDecoder sessionDecoder(SessionKeys keys, SessionProperties properties) {
		JWK publicKey = keys.signingKey().toPublicJWK();
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource((jwt) -> Flux.just(publicKey))
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.build();
		OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>("aud",
				(aud) -> aud != null && aud.contains(properties.issuer()));
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				JwtValidators.createDefaultWithIssuer(properties.issuer()), audience));
		return decoder;
	}

	/**
	 * Login and session refresh ignore an Authorization header: a browser refreshes precisely because its JWT
	 * expired, and a stale header must not turn that into a 401.
	 */
	private static ServerAuthenticationConverter bearerTokenOutsideSessionStart() {
		ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();
		var sessionStart = ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/api/auth/login",
				"/api/auth/session/refresh");
		return (exchange) -> sessionStart.matches(exchange)
			.flatMap((match) -> match.isMatch() ? Mono.empty() : bearer.convert(exchange));
	}

	private static ReactiveAuthenticationManager serviceTokenCheck(InternalApiProperties properties) {
		byte[] expected = properties.serviceToken().getBytes(StandardCharsets.UTF_8);
		return (authentication) -> {
			String presented = ((BearerTokenAuthenticationToken) authentication).getToken();
			// Constant time: a timing difference would reveal the credential byte by byte.
			if (MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
				return Mono.just(UsernamePasswordAuthenticationToken.authenticated("skylog-service", null,
						List.of(new SimpleGrantedAuthority("ROLE_SERVICE"))));
			}
			return Mono.error(new BadCredentialsException("wrong service credential"));
		};
	}

	private static ServerAuthenticationEntryPoint unauthorized() {
		return (exchange, ex) -> ProblemWriter.write(exchange.getResponse(), new ApiProblem(HttpStatus.UNAUTHORIZED,
				"unauthenticated", "Not logged in", "This needs a valid session token."));
	}

	private static ServerAccessDeniedHandler forbidden() {
		return (exchange, ex) -> ProblemWriter.write(exchange.getResponse(), new ApiProblem(HttpStatus.FORBIDDEN,
				"forbidden", "Not allowed", "This session may not do that."));
	}

}
