package dev.skylog.archive.post.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import dev.skylog.web.problem.ApiProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PostCursorTest {

	private static final String URI = "at://did:plc:qju6sevdophfyhxkvo4o4xjp/app.bsky.feed.post/3lenbtodo2222";

	@Test
	void encodesSortTimeAndUriAsUnpaddedUrlSafeBase64() {
		PostCursor cursor = new PostCursor(Instant.parse("2025-01-01T00:16:00.123Z"), URI);

		assertThat(cursor.encode()).isEqualTo(
				"MjAyNS0wMS0wMVQwMDoxNjowMC4xMjNafGF0Oi8vZGlkOnBsYzpxanU2c2V2ZG9waGZ5aHhrdm80bzR4anAvYXBwLmJza3kuZmVlZC5wb3N0LzNsZW5idG9kbzIyMjI");
	}

	@Test
	void decodesWhatItEncoded() {
		for (Instant sortAt : new Instant[] { Instant.EPOCH, Instant.parse("2025-01-01T00:16:00Z"),
				Instant.parse("2025-01-01T00:16:00.123456789Z") }) {
			PostCursor cursor = new PostCursor(sortAt, URI);

			assertThat(PostCursor.decode(cursor.encode())).isEqualTo(cursor);
		}
	}

	@Test
	void decodesAUriWithCharactersOutsideAscii() {
		// The URI is opaque to the cursor: whatever follows the first bar is kept byte for byte.
		PostCursor cursor = new PostCursor(Instant.parse("2025-01-01T00:16:00Z"),
				"at://did:web:例え.jp/app.bsky.feed.post/a|b");

		assertThat(PostCursor.decode(cursor.encode())).isEqualTo(cursor);
	}

	@Test
	void acceptsPaddedBase64() {
		String padded = Base64.getUrlEncoder()
			.encodeToString(("2025-01-01T00:16:00Z|" + URI).getBytes(StandardCharsets.UTF_8));

		assertThat(PostCursor.decode(padded)).isEqualTo(new PostCursor(Instant.parse("2025-01-01T00:16:00Z"), URI));
	}

	@Test
	void refusesTextThatIsNotBase64() {
		assertRefused("not a cursor!");
		assertRefused("abc+/def");
	}

	@Test
	void refusesCursorWithoutBar() {
		assertRefused(encode("2025-01-01T00:16:00Z " + URI));
	}

	@Test
	void refusesCursorWhoseUriIsNotAnAtUri() {
		assertRefused(encode("2025-01-01T00:16:00Z|https://example.com/post"));
		assertRefused(encode("2025-01-01T00:16:00Z|"));
	}

	@Test
	void refusesCursorWhoseTimeIsNotAnInstant() {
		assertRefused(encode("not-a-time|" + URI));
		assertRefused(encode("|" + URI));
		assertRefused(encode("2025-01-01|" + URI));
	}

	@Test
	void refusesEmptyCursor() {
		assertRefused("");
	}

	private static String encode(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private static void assertRefused(String cursor) {
		ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> PostCursor.decode(cursor));

		assertThat(problem).as("decoding %s", cursor).isNotNull();
		assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(problem.code()).isEqualTo("invalid_request");
		assertThat(problem.getMessage()).isEqualTo("cursor: not a cursor this API issued");
	}

}
