package dev.skylog.events.kafka;

import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import dev.skylog.events.EventJson;
import dev.skylog.events.SkylogEvent;
import dev.skylog.events.TopicSpec;
import dev.skylog.events.Topics;

/**
 * Skylog's events on Kafka: spring-kafka's Jackson 3 serde around {@link EventJson}'s mapper, the type named
 * inside the record rather than in headers, and each topic read as its own value type.
 */
public final class EventSerde {

	private static final JsonMapper MAPPER = EventJson.mapper();

	private static final Map<String, JavaType> VALUE_TYPES = Topics.ALL.stream()
		.collect(Collectors.toUnmodifiableMap(TopicSpec::name, (spec) -> MAPPER.constructType(spec.valueType())));

	private EventSerde() {
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
