package dev.skylog.events;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written checks accept exactly what the AT Protocol's syntax rules, as regular expressions, accept. */
class DidsTest {

	private static final Pattern DID = Pattern.compile("^did:[a-z]+:[a-zA-Z0-9._:%-]{1,2040}$");

	private static final Pattern AT_URI = Pattern
		.compile("^at://did:[a-z]+:[a-zA-Z0-9._:%-]+/[a-zA-Z0-9.-]+/[a-zA-Z0-9._~:-]{1,512}$");

	@Test
	void knownValues() {
		List<String> values = List.of("did:plc:ewvi7nxzyoun6zhxrhs64oiz", "did:web:example.com",
				"did:web:localhost%3A2583", "did:plc:", "did::abc", "did:PLC:abc", "did:plc:abc/", "did:plc:a b",
				"did:plc:abc\n", "at://did:plc:abc/app.bsky.feed.post/3kabc", "at://did:plc:abc/app.bsky.feed.post/",
				"at://did:plc:abc//3kabc", "at://did:plc:abc/app.bsky.feed.post", "at://did:plc:abc/app.bsky.feed.post/3k/x",
				"at://alice.test/app.bsky.feed.post/3kabc", "at://did:web:a.b:c/app.bsky.feed.like/self~1:x_y.z-",
				"did:plc:" + "a".repeat(2040), "did:plc:" + "a".repeat(2041),
				"at://did:plc:abc/app.bsky.feed.post/" + "k".repeat(512),
				"at://did:plc:abc/app.bsky.feed.post/" + "k".repeat(513), "", "at://", "did:");
		for (String value : values) {
			assertThat(Dids.isDid(value)).as(value).isEqualTo(DID.matcher(value).matches());
			assertThat(Dids.isAtUri(value)).as(value).isEqualTo(AT_URI.matcher(value).matches());
		}
	}

	@Test
	void randomValuesNearTheRules() {
		Random random = new Random(42);
		String alphabet = "adiltwpc:/._%~-AZ09 é";
		for (int n = 0; n < 200_000; n++) {
			StringBuilder value = new StringBuilder(random.nextBoolean() ? "did:" : "at://did:");
			int length = random.nextInt(30);
			for (int i = 0; i < length; i++) {
				value.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			String text = value.toString();
			assertThat(Dids.isDid(text)).as(text).isEqualTo(DID.matcher(text).matches());
			assertThat(Dids.isAtUri(text)).as(text).isEqualTo(AT_URI.matcher(text).matches());
		}
	}

}
