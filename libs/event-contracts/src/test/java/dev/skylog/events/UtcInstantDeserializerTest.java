package dev.skylog.events;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Events' instants read by hand equal what Jackson reads, and whatever the hand-written reader declines, Jackson
 * reads.
 */
class UtcInstantDeserializerTest {

	private final JsonMapper events = EventJson.mapper();

	private final JsonMapper plain = JsonMapper.builder().build();

	@Test
	void instantsAsEventsWriteThemReadAsJacksonReadsThem() {
		Random random = new Random(7);
		for (int n = 0; n < 100_000; n++) {
			Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L),
					switch (n % 4) {
						case 0 -> 0;
						case 1 -> random.nextInt(1000) * 1_000_000;
						case 2 -> random.nextInt(1_000_000) * 1_000;
						default -> random.nextInt(1_000_000_000);
					});
			for (String text : List.of(instant.toString(), DateTimeFormatter.ISO_INSTANT.format(instant),
					this.plain.writeValueAsString(instant).replace("\"", ""))) {
				assertThat(read(text)).as(text).isEqualTo(instant).isEqualTo(this.plain.readValue(quoted(text), Instant.class));
			}
		}
	}

	@Test
	void otherFormsAreLeftToJackson() {
		for (String text : List.of("2026-11-29T04:10:34+09:00", "2026-11-29T04:10:34.5+0000", "2016-12-31T23:59:60Z",
				"+12026-11-29T04:10:34Z", "2026-11-29T24:00:00Z",
				"2026-11-29T04:10:34.Z")) {
			assertThat(UtcInstantDeserializer.parse(text)).as(text).isNull();
			assertThat(read(text)).as(text).isEqualTo(this.plain.readValue(quoted(text), Instant.class));
		}
		assertThat(this.events.readValue("1764389434.5", Instant.class))
			.isEqualTo(this.plain.readValue("1764389434.5", Instant.class));
	}

	@Test
	void notAnInstantIsStillRefused() {
		for (String text : List.of("2026-02-30T04:10:34Z", "2026-13-01T00:00:00Z", "2026-11-29T04:10:34.1234567890Z",
				"2026-11-29 04:10:34Z", "２０２６-11-29T04:10:34Z", "yesterday")) {
			assertThat(UtcInstantDeserializer.parse(text)).as(text).isNull();
			assertThatException().as(text).isThrownBy(() -> read(text));
		}
	}

	private Instant read(String text) {
		return this.events.readValue(quoted(text), Instant.class);
	}

	private static String quoted(String text) {
		return "\"" + text + "\"";
	}

}
