package dev.skylog.fetcher.token;

import java.net.URI;
import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import dev.skylog.atproto.server.SecretToken;

/** Asks auth-service for a valid access token of an account, over its internal API. */
@Component
public class AccessTokenClient {

	private final WebClient http;

	private final AuthServiceProperties properties;

	public AccessTokenClient(WebClient.Builder builder, AuthServiceProperties properties) {
		this.http = builder.clone().baseUrl(properties.url().toString()).build();
		this.properties = properties;
	}

	/**
	 * @param refresh the PDS refused the last token: make auth-service refresh it even if it looks valid
	 */
	public Mono<Grant> tokenFor(String did, boolean refresh) {
		return this.http.get()
			.uri("/internal/accounts/{did}/access-token?refresh={refresh}", did, refresh)
			.headers((headers) -> headers.setBearerAuth(this.properties.serviceToken()))
			.exchangeToMono((response) -> {
				if (response.statusCode().is2xxSuccessful()) {
					return response.bodyToMono(JsonNode.class).map(AccessTokenClient::grant);
				}
				return response.bodyToMono(JsonNode.class)
					.defaultIfEmpty(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode())
					.flatMap((problem) -> Mono.error(new TokenUnavailableException(
							HttpStatus.valueOf(response.statusCode().value()), problem.path("code").asString(""))));
			})
			.timeout(this.properties.timeout());
	}

	private static Grant grant(JsonNode body) {
		return new Grant(body.path("did").asString(), new SecretToken(body.path("accessJwt").asString()),
				URI.create(body.path("pdsUrl").asString()), Instant.parse(body.path("expiresAt").asString()));
	}

	/** An access token and where to use it. */
	public record Grant(String did, SecretToken accessJwt, URI pdsUrl, Instant expiresAt) {

	}

	/** auth-service could not hand out a token; {@code code} is its problem code (reauth_required, …). */
	public static class TokenUnavailableException extends RuntimeException {

		private final HttpStatus status;

		private final String code;

		public TokenUnavailableException(HttpStatus status, String code) {
			super("auth-service answered " + status.value() + " " + code);
			this.status = status;
			this.code = code;
		}

		public boolean reauthRequired() {
			return "reauth_required".equals(this.code);
		}

		public boolean accountGone() {
			return this.status == HttpStatus.NOT_FOUND;
		}

		public boolean rateLimited() {
			return this.status == HttpStatus.TOO_MANY_REQUESTS;
		}

	}

}
