package dev.skylog.events;

import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event's JSON, as it goes on Kafka, matches the published schema of its type and version; and the
 * schemas reject what the types would never produce.
 */
class EventSchemaTest {

	private static final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	static List<SkylogEvent> events() {
		return SampleEvents.all();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("events")
	void serializedFormMatchesItsSchema(SkylogEvent event) {
		JsonNode json = serialize(event);

		List<Error> errors = schemaOf(event).validate(json);

		assertThat(errors).as(json.toString()).isEmpty();
		assertThat(json.path("type").asString()).isEqualTo(event.getClass().getSimpleName());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("events")
	void readsBackAsTheSameEvent(SkylogEvent event) {
		byte[] bytes = EventJson.mapper().writeValueAsBytes(event);

		assertThat(EventJson.mapper().readValue(bytes, SkylogEvent.class)).isEqualTo(event);
	}

	@Test
	void everyEventTypeHasASchemaAndASample() {
		Set<String> declared = Arrays.stream(SkylogEvent.class.getAnnotation(JsonSubTypes.class).value())
			.map(JsonSubTypes.Type::name)
			.collect(Collectors.toSet());
		assertThat(events()).filteredOn((e) -> e instanceof dev.skylog.events.post.PostFetched)
			.extracting((e) -> ((dev.skylog.events.post.PostFetched) e).kind())
			.containsExactlyInAnyOrder(dev.skylog.events.post.PostKind.values());
		Set<String> sampled = events().stream().map((e) -> e.getClass().getSimpleName()).collect(Collectors.toSet());

		assertThat(declared).hasSize(13).isEqualTo(sampled);
		declared.forEach((type) -> assertThat(getClass().getResource("/schemas/" + type + ".v1.json")).as(type).isNotNull());
	}

	@Test
	void aFieldTheSchemaDoesNotKnowIsRejected() {
		SkylogEvent event = events().get(0);
		ObjectNode json = (ObjectNode) serialize(event);
		json.put("accessJwt", "eyJhbGciOi...");

		assertThat(schemaOf(event).validate(json)).isNotEmpty();
	}

	@Test
	void aMissingEnvelopeFieldIsRejected() {
		SkylogEvent event = events().get(9);
		ObjectNode json = (ObjectNode) serialize(event);
		json.remove("eventId");

		assertThat(schemaOf(event).validate(json)).isNotEmpty();
	}

	private static JsonNode serialize(SkylogEvent event) {
		return EventJson.mapper().readTree(EventJson.mapper().writeValueAsBytes(event));
	}

	private static Schema schemaOf(SkylogEvent event) {
		String path = "/schemas/" + event.getClass().getSimpleName() + ".v" + event.schemaVersion() + ".json";
		InputStream stream = EventSchemaTest.class.getResourceAsStream(path);
		assertThat(stream).as(path).isNotNull();
		return registry.getSchema(stream);
	}

}
