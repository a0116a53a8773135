package dev.skylog.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;

/**
 * Reads the instants events are written with ({@code 2026-11-29T04:10:34.123456Z}, what {@link Instant#toString}
 * and Jackson write) by hand, and anything else (an offset, a number, a leap second) as Jackson does. Every event
 * carries two or three instants, and Jackson's own reader runs regular expressions and a {@code DateTimeFormatter}
 * over each: in a replay of the topics that was more than a quarter of stats-service's processor time.
 */
final class UtcInstantDeserializer extends StdScalarDeserializer<Instant> {

	private static final int[] NANOS_PER_DIGIT = { 0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000,
			100, 10, 1 };

	UtcInstantDeserializer() {
		super(Instant.class);
	}

	@Override
	public Instant deserialize(JsonParser parser, DeserializationContext context) {
		if (parser.hasToken(JsonToken.VALUE_STRING)) {
			Instant instant = parse(parser.getString());
			if (instant != null) {
				return instant;
			}
		}
		return InstantDeserializer.INSTANT.deserialize(parser, context);
	}

	/** {@code uuuu-MM-ddTHH:mm:ss[.f{1,9}]Z}, or null for anything else. */
	static Instant parse(String text) {
		int length = text.length();
		if (length < 20 || length == 21 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
				|| text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
			return null;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 7);
		int day = digits(text, 8, 10);
		int hour = digits(text, 11, 13);
		int minute = digits(text, 14, 16);
		int second = digits(text, 17, 19);
		int nanos = 0;
		if (length > 20) {
			int fraction = (text.charAt(19) == '.') ? digits(text, 20, length - 1) : -1;
			if (fraction < 0) {
				return null;
			}
			nanos = fraction * NANOS_PER_DIGIT[length - 21];
		}
		if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
			return null;
		}
		try {
			long days = LocalDate.of(year, month, day).toEpochDay();
			return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/** The decimal number in {@code text[from, to)}, or -1 if a character is not an ASCII digit. */
	private static int digits(String text, int from, int to) {
		int value = 0;
		for (int i = from; i < to; i++) {
			int digit = text.charAt(i) - '0';
			if (digit < 0 || digit > 9) {
				return -1;
			}
			value = value * 10 + digit;
		}
		return value;
	}

}
