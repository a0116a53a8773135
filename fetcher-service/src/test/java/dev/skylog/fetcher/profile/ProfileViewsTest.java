package dev.skylog.fetcher.profile;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.skylog.events.EventMetadata;
import dev.skylog.events.profile.ProfileFetched;
import dev.skylog.fetcher.bluesky.InvalidResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ProfileViewsTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ALICE = "did:plc:qju6sevdophfyhxkvo4o4xjp";

	private static final EventMetadata META = new EventMetadata(
			UUID.fromString("00000000-0000-0000-0000-000000000003"), Instant.parse("2025-02-01T00:00:00Z"));

	@Test
	void readsAProfileViewDetailed() {
		// Modelled on fixture 41 (getProfile of alice), with a banner and labels added.
		JsonNode profile = json("""
				{"did": "%1$s", "handle": "alice.test", "displayName": "Alice テスト",
				 "avatar": "https://cdn/avatar", "banner": "https://cdn/banner",
				 "associated": {"lists": 0, "feedgens": 0},
				 "labels": [{"src": "%1$s", "uri": "at://%1$s/app.bsky.actor.profile/self", "val": "!no-unauthenticated"},
				            {"val": 3}, {"src": "%1$s"}, {"val": "porn"}],
				 "createdAt": "2025-01-01T00:00:00.000Z",
				 "description": "Seeded test account for the Java client. #devnet",
				 "indexedAt": "2025-01-01T00:00:00.000Z",
				 "followersCount": 1, "followsCount": 2, "postsCount": 30}
				""".formatted(ALICE));

		assertThat(ProfileViews.toEvent(META, ALICE, profile)).isEqualTo(new ProfileFetched(META.eventId(),
				ProfileFetched.SCHEMA_VERSION, META.occurredAt(), ALICE, "alice.test", "Alice テスト",
				"Seeded test account for the Java client. #devnet", "https://cdn/avatar", "https://cdn/banner", 1, 2,
				30, List.of("!no-unauthenticated", "porn"), Instant.parse("2025-01-01T00:00:00Z")));
	}

	@Test
	void aBareProfileHasNoCountsLabelsOrDates() {
		JsonNode profile = json("{\"did\": \"" + ALICE + "\", \"handle\": \"alice.test\", \"createdAt\": \"unknown\"}");

		assertThat(ProfileViews.toEvent(META, ALICE, profile)).isEqualTo(new ProfileFetched(META.eventId(),
				ProfileFetched.SCHEMA_VERSION, META.occurredAt(), ALICE, "alice.test", null, null, null, null, 0, 0, 0,
				List.of(), null));
	}

	@Test
	void aProfileWithoutADidOrWithAHandleForDidIsRefused() {
		assertThatExceptionOfType(InvalidResponseException.class)
			.isThrownBy(() -> ProfileViews.toEvent(META, ALICE, json("{\"handle\": \"alice.test\"}")))
			.withMessage("a profile without DID or handle");
		assertThatExceptionOfType(InvalidResponseException.class)
			.isThrownBy(() -> ProfileViews.toEvent(META, ALICE, json("{\"did\": \"alice.test\", \"handle\": \"alice.test\"}")))
			.withMessage("a profile without DID or handle");
	}

	@Test
	void aProfileWithoutAHandleIsRefused() {
		assertThatExceptionOfType(InvalidResponseException.class)
			.isThrownBy(() -> ProfileViews.toEvent(META, ALICE, json("{\"did\": \"" + ALICE + "\", \"handle\": 5}")))
			.withMessage("a profile without DID or handle");
	}

	@Test
	void aProfileOfAnotherAccountIsRefused() {
		JsonNode bob = json("{\"did\": \"did:plc:ukcvvalgdqulkahgwqqpoyqj\", \"handle\": \"bob.test\"}");

		assertThatExceptionOfType(InvalidResponseException.class).isThrownBy(() -> ProfileViews.toEvent(META, ALICE, bob))
			.withMessage("a profile of another account");
	}

	private static JsonNode json(String text) {
		return JSON.readTree(text);
	}

}
