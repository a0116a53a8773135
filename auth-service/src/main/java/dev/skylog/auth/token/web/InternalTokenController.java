package dev.skylog.auth.token.web;

import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import dev.skylog.auth.token.domain.AccessTokens;
import dev.skylog.auth.web.AuthProblem;
import dev.skylog.events.Dids;

/**
 * The fetcher's way to a valid Bluesky access token. Internal only: it needs the service credential, and the
 * gateway has no route to {@code /internal/**}. Answers 409 {@code reauth_required} when the person must log
 * in again, 503 when their PDS does not answer.
 */
@RestController
public class InternalTokenController {

	private final AccessTokens tokens;

	public InternalTokenController(AccessTokens tokens) {
		this.tokens = tokens;
	}

	/**
	 * @param refresh the caller's PDS refused the token it had: refresh even if it looks valid
	 */
	@GetMapping("/internal/accounts/{did}/access-token")
	Mono<AccessTokenView> accessToken(@PathVariable String did,
			@RequestParam(defaultValue = "false") boolean refresh) {
		if (!Dids.isDid(did)) {
			return Mono.error(new AuthProblem(HttpStatus.BAD_REQUEST, "invalid_did",
					"Invalid DID", "Not a DID."));
		}
		return this.tokens.accessTokenFor(did, refresh)
			.map((grant) -> new AccessTokenView(grant.did(), grant.accessJwt().reveal(), grant.pdsUrl().toString(),
					grant.expiresAt()));
	}

	/** The token and where to use it. */
	public record AccessTokenView(String did, String accessJwt, String pdsUrl, Instant expiresAt) {

		@Override
		public String toString() {
			return "AccessTokenView[did=" + this.did + ", pdsUrl=" + this.pdsUrl + ", expiresAt=" + this.expiresAt + "]";
		}

	}

}
