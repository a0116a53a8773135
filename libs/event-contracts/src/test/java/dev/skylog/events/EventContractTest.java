package dev.skylog.events;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import org.junit.jupiter.api.Test;

import dev.skylog.events.account.AccountLinked;
import dev.skylog.events.post.PostFetched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The rules every event type keeps, checked on the types themselves so a new event cannot break them.
 */
class EventContractTest {

	private static final Pattern CREDENTIAL = Pattern.compile(".*(token|jwt|password|secret|credential|cookie|session).*");

	private static List<Class<?>> eventTypes() {
		return Arrays.stream(SkylogEvent.class.getAnnotation(JsonSubTypes.class).value())
			.<Class<?>>map(JsonSubTypes.Type::value)
			.toList();
	}

	@Test
	void everyEventIsARecordWithTheEnvelopeFirst() {
		for (Class<?> type : eventTypes()) {
			assertThat(type.isRecord()).as(type.getName()).isTrue();
			List<String> names = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
			assertThat(names.subList(0, 4)).as(type.getName())
				.containsExactly("eventId", "schemaVersion", "occurredAt", "did");
		}
	}

	@Test
	void noEventCanCarryACredential() {
		for (Class<?> type : eventTypes()) {
			List<String> offending = new ArrayList<>();
			collectCredentialComponents(type, type.getSimpleName(), offending, new HashSet<>());
			assertThat(offending).as(type.getName()).isEmpty();
		}
	}

	@Test
	void everyEventTypeBelongsToExactlyOneTopic() {
		for (Class<?> type : eventTypes()) {
			long topics = Topics.ALL.stream().filter((spec) -> spec.valueType().isAssignableFrom(type)).count();
			assertThat(topics).as(type.getName()).isEqualTo(1);
		}
	}

	@Test
	void replayableTopicsKeepTheirRecordsForEver() {
		assertThat(Topics.ALL).filteredOn(TopicSpec::replayable)
			.extracting(TopicSpec::name)
			.containsExactlyInAnyOrder(Topics.ACCOUNTS.name(), Topics.PROFILES.name(), Topics.POSTS.name(),
					Topics.LIKES.name());
		Topics.ALL.stream()
			.filter(TopicSpec::replayable)
			.forEach((spec) -> assertThat(spec.configs()).containsEntry("retention.ms", "-1")
				.containsEntry("cleanup.policy", "delete"));
		assertThat(Topics.SYNC_REQUESTS.configs()).containsEntry("retention.ms", "604800000");
	}

	@Test
	void eventsRefuseAnythingButADidAsTheirKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> AccountLinked.of(SampleEvents.meta(), "alice.test",
				"alice.test", java.net.URI.create("http://localhost:2583"), true,
				dev.skylog.events.account.AccountSettings.defaults()));
		assertThatIllegalArgumentException().isThrownBy(() -> AccountLinked.of(SampleEvents.meta(),
				mintedJwt(), "alice.test",
				java.net.URI.create("http://localhost:2583"), true, dev.skylog.events.account.AccountSettings.defaults()));
		assertThatIllegalArgumentException().isThrownBy(() -> PostFetched.of(SampleEvents.meta(), SampleEvents.ALICE,
				"https://bsky.app/profile/alice.test/post/1", null, dev.skylog.events.post.PostKind.POST,
				SampleEvents.T0, SampleEvents.T0, SampleEvents.japanesePost()));
	}

	@Test
	void freeTextFieldsCannotCarryAToken() {
		String jwt = mintedJwt();
		var failed = dev.skylog.events.sync.SyncFailed.of(SampleEvents.meta(), SampleEvents.ALICE, java.util.UUID.randomUUID(),
				dev.skylog.events.sync.SyncFailed.Reason.INTERNAL, "request with Bearer " + jwt + " failed: " + jwt, false);

		assertThat(failed.detail()).doesNotContain(jwt).doesNotContain("eyJ").contains("[redacted]");
		assertThat(dev.skylog.events.FreeText.withoutCredentials("x".repeat(600), 500)).hasSize(501);
	}

	@Test
	void aRejectedIdentifierIsNotEchoedInTheError() {
		String jwt = mintedJwt();
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> Dids.requireDid(jwt))
			.withMessageNotContaining("eyJ");
	}

	private static String mintedJwt() {
		java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
		return base64.encodeToString("{\"typ\":\"at+jwt\",\"alg\":\"HS256\"}".getBytes())
				+ "." + base64.encodeToString("{\"scope\":\"com.atproto.access\"}".getBytes()) + ".c2lnbmF0dXJl";
	}

	private static void collectCredentialComponents(Class<?> type, String path, List<String> offending,
			Set<Class<?>> seen) {
		if (!type.isRecord() || !seen.add(type)) {
			return;
		}
		for (RecordComponent component : type.getRecordComponents()) {
			String where = path + "." + component.getName();
			if (CREDENTIAL.matcher(component.getName().toLowerCase(Locale.ROOT)).matches()) {
				offending.add(where);
			}
			for (Class<?> nested : typesOf(component.getGenericType())) {
				if (!nested.getPackageName().startsWith("java.") && !nested.isPrimitive() && !nested.isEnum()
						&& !nested.getPackageName().startsWith("dev.skylog.events")) {
					offending.add(where + " has a type from outside the contracts: " + nested.getName());
				}
				collectCredentialComponents(nested, where, offending, seen);
			}
		}
	}

	private static List<Class<?>> typesOf(Type type) {
		if (type instanceof Class<?> cls) {
			return List.of(cls);
		}
		if (type instanceof ParameterizedType parameterized) {
			List<Class<?>> types = new ArrayList<>(typesOf(parameterized.getRawType()));
			Arrays.stream(parameterized.getActualTypeArguments()).forEach((arg) -> types.addAll(typesOf(arg)));
			return types;
		}
		return List.of();
	}

}
