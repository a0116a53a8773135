package dev.skylog.events;

import java.time.Instant;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The JSON form of Skylog's events, part of their contract: the concrete type named by the {@code type}
 * property inside the object (no type headers), so any consumer — or a person with kcat — can read a record on
 * its own. The Kafka serde and every other place an event is written down use this one mapper.
 */
public final class EventJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		// A newer producer may add fields; an older consumer must still read the record.
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.addModule(new SimpleModule("skylog-instants").addDeserializer(Instant.class, new UtcInstantDeserializer()))
		.build();

	private EventJson() {
	}

	public static JsonMapper mapper() {
		return MAPPER;
	}

}
