package dev.skylog.events.kafka;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import dev.skylog.events.SkylogEvent;
import dev.skylog.events.TopicSpec;
import dev.skylog.events.Topics;

/**
 * The JSON form of Skylog's events on Kafka: spring-kafka's Jackson 3 serde, with the concrete type named by
 * the {@code type} property inside the record rather than in headers, so any consumer (or a person with
 * kcat) can read a record on its own.
 */
public final class EventSerde {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		// A newer producer may add fields; an older consumer must still read the record.
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.addModule(new SimpleModule("skylog-instants").addDeserializer(Instant.class, new UtcInstantDeserializer()))
		.build();

	private static final Map<String, JavaType> VALUE_TYPES = Topics.ALL.stream()
		.collect(Collectors.toUnmodifiableMap(TopicSpec::name, (spec) -> MAPPER.constructType(spec.valueType())));

	private EventSerde() {
	}

	public static JsonMapper jsonMapper() {
		return MAPPER;
	}

	public static JacksonJsonSerializer<SkylogEvent> serializer() {
		JacksonJsonSerializer<SkylogEvent> serializer = new JacksonJsonSerializer<>(MAPPER);
		serializer.setAddTypeInfo(false);
		return serializer;
	}

	/**
	 * Reads a record as its topic's value type (from {@link Topics}), so an event that does not belong on a
	 * topic fails deserialization instead of reaching a listener that cannot handle it.
	 */
	public static JacksonJsonDeserializer<SkylogEvent> deserializer() {
		JacksonJsonDeserializer<SkylogEvent> deserializer = new JacksonJsonDeserializer<>(SkylogEvent.class, MAPPER,
				false);
		deserializer.setTypeResolver(EventSerde::valueType);
		return deserializer;
	}

	/**
	 * The deserializer consumers use: a record that cannot be read becomes a failure the error handler sends
	 * to the dead-letter topic, instead of an exception that stops the partition for good.
	 */
	public static ErrorHandlingDeserializer<SkylogEvent> tolerantDeserializer() {
		return new ErrorHandlingDeserializer<>(deserializer());
	}

	static JavaType valueType(String topic, byte[] data, Headers headers) {
		JavaType type = VALUE_TYPES.get(topic);
		if (type == null) {
			throw new IllegalArgumentException("no Skylog topic named " + topic);
		}
		return type;
	}

}
