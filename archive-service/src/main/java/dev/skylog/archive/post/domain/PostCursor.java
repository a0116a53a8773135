package dev.skylog.archive.post.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import dev.skylog.archive.web.ArchiveProblem;

/**
 * Where a page ended: the last post's sort time and AT URI (the tie-breaker, as several posts can share a
 * millisecond). Opaque to clients; a keyset, so a page never skips or repeats posts archived meanwhile.
 */
public record PostCursor(Instant sortAt, String uri) {

	public String encode() {
		return Base64.getUrlEncoder().withoutPadding()
			.encodeToString((this.sortAt + "|" + this.uri).getBytes(StandardCharsets.UTF_8));
	}

	public static PostCursor decode(String cursor) {
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			int bar = text.indexOf('|');
			if (bar < 0 || !text.startsWith("at://", bar + 1)) {
				throw ArchiveProblem.invalidParameter("cursor", "not a cursor this API issued");
			}
			return new PostCursor(Instant.parse(text.substring(0, bar)), text.substring(bar + 1));
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			throw ArchiveProblem.invalidParameter("cursor", "not a cursor this API issued");
		}
	}

}
