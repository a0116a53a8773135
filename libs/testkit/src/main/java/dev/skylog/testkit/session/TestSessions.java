package dev.skylog.testkit.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * auth-service's side of Skylog sessions, for tests: an ES256 key, its public half served as a JWKS the way
 * {@code GET /.well-known/jwks.json} serves it, and session JWTs shaped like {@code SessionTokens} issues them.
 */
public final class TestSessions implements AutoCloseable {

	private final ECKey key = generate();

	private final DisposableServer server;

	private final AtomicInteger fetches = new AtomicInteger();

	public TestSessions() {
		String jwks = new JWKSet(this.key.toPublicJWK()).toString();
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.get("/.well-known/jwks.json", (request, response) -> {
				this.fetches.incrementAndGet();
				return response.header("content-type", "application/json").sendString(Mono.just(jwks)).then();
			}))
			.bindNow();
	}

	public String jwksUri() {
		return "http://127.0.0.1:" + this.server.port() + "/.well-known/jwks.json";
	}

	/** Points the service's session check ({@code spring.security.oauth2.resourceserver.jwt}) at this JWKS. */
	public void registerProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", this::jwksUri);
	}

	/**
	 * The signing key with its private half, as {@code skylog.auth.session.signing-jwk} takes it: a running
	 * auth-service given it signs with this key, so a test can make tokens (an expired one, say) the system trusts.
	 */
	public String signingJwk() {
		return this.key.toJSONString();
	}

	public int fetches() {
		return this.fetches.get();
	}

	/** A session of {@code did}: scope {@code user}, or {@code user admin}. */
	public String session(String did, boolean admin) {
		return token((claims) -> claims.subject(did).claim("scope", admin ? "user admin" : "user"));
	}

	/** A valid session JWT, changed by {@code customizer}. */
	public String token(Consumer<JwtClaimsSet.Builder> customizer) {
		return sign(this.key, customizer);
	}

	/** A session JWT signed by a key this JWKS does not have. */
	public String tokenOfAnotherKey(String did) {
		return sign(generate(), (claims) -> claims.subject(did).claim("scope", "user"));
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	private static String sign(ECKey key, Consumer<JwtClaimsSet.Builder> customizer) {
		Instant now = Instant.now();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer("skylog")
			.audience(List.of("skylog"))
			.issuedAt(now)
			.expiresAt(now.plus(Duration.ofMinutes(15)))
			.claim("sid", UUID.randomUUID().toString());
		customizer.accept(claims);
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.ES256).keyId(key.getKeyID()).build();
		return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)))
			.encode(JwtEncoderParameters.from(header, claims.build()))
			.getTokenValue();
	}

	private static ECKey generate() {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
