package dev.skylog.atproto.identity;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * The parts of a DID document Skylog uses: the handles it claims and the account's PDS.
 */
public record DidDocument(String id, List<String> alsoKnownAs, URI pdsEndpoint) {

	/** Reads a DID document as PLC, did:web and {@code createSession}'s {@code didDoc} return it. */
	public static DidDocument from(JsonNode json) {
		List<String> aka = json.path("alsoKnownAs").valueStream().map(JsonNode::asString).toList();
		URI pds = null;
		for (JsonNode service : json.path("service")) {
			String id = service.path("id").asString("");
			// The spec allows the fragment alone or the full DID#fragment.
			if ((id.equals("#atproto_pds") || id.endsWith("#atproto_pds"))
					&& "AtprotoPersonalDataServer".equals(service.path("type").asString())) {
				pds = URI.create(service.path("serviceEndpoint").asString());
			}
		}
		return new DidDocument(json.path("id").asString(), aka, pds);
	}

	public Optional<URI> pds() {
		return Optional.ofNullable(this.pdsEndpoint);
	}

	/** The handle the document claims ({@code at://handle}), if any. */
	public Optional<String> handle() {
		return this.alsoKnownAs.stream()
			.filter((aka) -> aka.startsWith("at://"))
			.map((aka) -> aka.substring("at://".length()))
			.findFirst();
	}

}
