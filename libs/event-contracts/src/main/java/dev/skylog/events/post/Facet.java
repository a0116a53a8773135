package dev.skylog.events.post;

import java.util.Objects;

/**
 * One rich-text feature of a post. Offsets are UTF-8 <em>byte</em> offsets into the text, as in the
 * {@code app.bsky.richtext.facet} lexicon, not Java char indexes: {@code #日本語} spans 10 bytes, 4 chars.
 *
 * @param value the tag without '#', the mentioned DID, or the link URI
 */
public record Facet(int byteStart, int byteEnd, Kind kind, String value) {

	public Facet {
		if (byteStart < 0 || byteEnd < byteStart) {
			throw new IllegalArgumentException("facet offsets out of order: " + byteStart + ".." + byteEnd);
		}
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(value, "value");
	}

	public enum Kind {

		TAG, MENTION, LINK

	}

}
