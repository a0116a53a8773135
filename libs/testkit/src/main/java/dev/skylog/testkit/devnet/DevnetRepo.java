package dev.skylog.testkit.devnet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;

/**
 * Writes to and reads from a devnet PDS the way a Bluesky app would: the ground truth tests compare Skylog
 * with.
 */
public final class DevnetRepo {

	private final WebClient pds;

	public DevnetRepo(String pdsUrl) {
		this.pds = WebClient.builder().baseUrl(pdsUrl).codecs((c) -> c.defaultCodecs().maxInMemorySize(16 << 20)).build();
	}

	/** Every record URI of a collection, from {@code com.atproto.repo.listRecords}. */
	public Set<String> listRecords(String did, String collection) {
		Set<String> uris = new HashSet<>();
		for (JsonNode record : records(did, collection)) {
			uris.add(record.path("uri").asString());
		}
		return uris;
	}

	/** Every record of a collection ({@code uri}, {@code cid}, {@code value}), all pages. */
	public List<JsonNode> records(String did, String collection) {
		List<JsonNode> records = new ArrayList<>();
		String cursor = null;
		do {
			String uri = "/xrpc/com.atproto.repo.listRecords?repo=" + did + "&collection=" + collection + "&limit=100"
					+ ((cursor != null) ? "&cursor=" + cursor : "");
			JsonNode page = this.pds.get().uri(uri).retrieve().bodyToMono(JsonNode.class).block(Duration.ofSeconds(30));
			page.path("records").forEach(records::add);
			cursor = (page.path("records").size() > 0 && page.path("cursor").isString()) ? page.path("cursor").asString()
					: null;
		}
		while (cursor != null);
		return records;
	}

	/** Creates an account and answers {did, accessJwt}. */
	public JsonNode createAccount(String name, String password) {
		return this.pds.post().uri("/xrpc/com.atproto.server.createAccount").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("handle", name + ".test", "email", name + "@example.com", "password", password))
			.retrieve().bodyToMono(JsonNode.class).block(Duration.ofSeconds(30));
	}

	/** The DID a handle belongs to. */
	public String resolveHandle(String handle) {
		return this.pds.get().uri("/xrpc/com.atproto.identity.resolveHandle?handle={handle}", handle)
			.retrieve().bodyToMono(JsonNode.class).block(Duration.ofSeconds(30)).path("did").asString();
	}

	/** A PDS session's access JWT. */
	public String login(String identifier, String password) {
		return this.pds.post().uri("/xrpc/com.atproto.server.createSession").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("identifier", identifier, "password", password)).retrieve().bodyToMono(JsonNode.class)
			.block(Duration.ofSeconds(30)).path("accessJwt").asString();
	}

	/** Creates one record; answers its {@code {uri, cid}}. */
	public JsonNode createRecord(String did, String accessJwt, String collection, Map<String, Object> value) {
		return this.pds.post().uri("/xrpc/com.atproto.repo.createRecord").contentType(MediaType.APPLICATION_JSON)
			.headers((h) -> h.setBearerAuth(accessJwt))
			.bodyValue(Map.of("repo", did, "collection", collection, "record", value))
			.retrieve().bodyToMono(JsonNode.class).block(Duration.ofSeconds(30));
	}

	/** Deletes the record an AT URI names ({@code at://did/collection/rkey}). */
	public void deleteRecord(String accessJwt, String atUri) {
		String[] parts = atUri.substring("at://".length()).split("/");
		this.pds.post().uri("/xrpc/com.atproto.repo.deleteRecord").contentType(MediaType.APPLICATION_JSON)
			.headers((h) -> h.setBearerAuth(accessJwt))
			.bodyValue(Map.of("repo", parts[0], "collection", parts[1], "rkey", parts[2]))
			.retrieve().toBodilessEntity().block(Duration.ofSeconds(30));
	}

	/** Likes each of {@code subjects} (records as {@link #records} lists them), 100 per applyWrites call. */
	public void like(String did, String accessJwt, List<JsonNode> subjects) {
		for (int start = 0; start < subjects.size(); start += 100) {
			List<Map<String, Object>> writes = new ArrayList<>();
			for (JsonNode subject : subjects.subList(start, Math.min(subjects.size(), start + 100))) {
				writes.add(Map.of("$type", "com.atproto.repo.applyWrites#create", "collection", "app.bsky.feed.like",
						"value", Map.of("$type", "app.bsky.feed.like", "subject", Map.of("uri",
								subject.path("uri").asString(), "cid", subject.path("cid").asString()),
								"createdAt", Instant.now().toString())));
			}
			applyWrites(did, accessJwt, writes);
		}
	}

	/** Posts {@code count} plain posts, 100 per applyWrites call, one minute apart, the newest now. */
	public void post(String did, String accessJwt, int count, String prefix) {
		Instant newest = Instant.now();
		for (int start = 0; start < count; start += 100) {
			List<Map<String, Object>> writes = new ArrayList<>();
			for (int i = start; i < Math.min(count, start + 100); i++) {
				writes.add(Map.of("$type", "com.atproto.repo.applyWrites#create", "collection", "app.bsky.feed.post",
						"value", Map.of("$type", "app.bsky.feed.post", "text", prefix + " " + i + " " + UUID.randomUUID(),
								"createdAt", newest.minusSeconds(60L * (count - i)).toString())));
			}
			applyWrites(did, accessJwt, writes);
		}
	}

	private void applyWrites(String did, String accessJwt, List<Map<String, Object>> writes) {
		this.pds.post().uri("/xrpc/com.atproto.repo.applyWrites").contentType(MediaType.APPLICATION_JSON)
			.headers((h) -> h.setBearerAuth(accessJwt))
			.bodyValue(Map.of("repo", did, "writes", writes))
			.retrieve().toBodilessEntity().block(Duration.ofSeconds(60));
	}

}
