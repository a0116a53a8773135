package dev.skylog.archive.post.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SearchTextTest {

	@Test
	void normalizeTreatsNullAsEmptyText() {
		assertThat(SearchText.normalize(null)).isEmpty();
	}

	@Test
	void normalizeLowerCasesLatinText() {
		assertThat(SearchText.normalize("Hello WORLD")).isEqualTo("hello world");
	}

	@Test
	void normalizeFoldsFullWidthLatinAndDigits() {
		assertThat(SearchText.normalize("ＳｋｙＬｏｇ　２０２５")).isEqualTo("skylog 2025");
	}

	@Test
	void normalizeFoldsHalfWidthKatakanaIncludingVoicedMarks() {
		assertThat(SearchText.normalize("ｶﾀｶﾅ ｶﾞｷﾞ ﾊﾟ")).isEqualTo("カタカナ ガギ パ");
	}

	@Test
	void normalizeLeavesJapaneseAndEmojiAsTheyAre() {
		assertThat(SearchText.normalize("日本語の投稿です🟥")).isEqualTo("日本語の投稿です🟥");
	}

	@Test
	void normalizeExpandsCompatibilityCharacters() {
		assertThat(SearchText.normalize("ﬁle ① ㍻")).isEqualTo("file 1 平成");
	}

	@Test
	void termsOfNullOrBlankQueryAreEmpty() {
		assertThat(SearchText.terms(null)).isEmpty();
		assertThat(SearchText.terms("")).isEmpty();
		assertThat(SearchText.terms(" \t\n")).isEmpty();
		assertThat(SearchText.terms("\u3000\u3000")).isEmpty();
		assertThat(SearchText.terms("\u00a0")).isEmpty();
	}

	@Test
	void termsSplitOnAnyRunOfWhitespaceIncludingIdeographicSpace() {
		assertThat(SearchText.terms("  foo \t bar\u3000\u3000baz\nqux  ")).containsExactly("foo", "bar", "baz", "qux");
	}

	@Test
	void termsAreNormalisedAndDeduplicatedInFirstSeenOrder() {
		assertThat(SearchText.terms("Bluesky ＡＢＣ abc BLUESKY 日本語")).containsExactly("bluesky", "abc", "日本語");
	}

	@Test
	void termsKeepJapaneseTextWithoutSpacesAsOneTerm() {
		assertThat(SearchText.terms("こんにちは、世界！")).containsExactly("こんにちは、世界!");
	}

	@Test
	void indexableCountsCodePointsNotChars() {
		assertThat(SearchText.indexable("ab")).isFalse();
		assertThat(SearchText.indexable("abc")).isTrue();
		assertThat(SearchText.indexable("日本")).isFalse();
		assertThat(SearchText.indexable("日本語")).isTrue();
		// Two emoji are four chars but two code points.
		assertThat(SearchText.indexable("🟥🟥")).isFalse();
		assertThat(SearchText.indexable("𠮷野家")).isTrue();
	}

	@Test
	void containsPatternWrapsPlainTermInWildcards() {
		assertThat(SearchText.containsPattern("bluesky")).isEqualTo("%bluesky%");
	}

	@Test
	void containsPatternEscapesLikeWildcardsAndTheEscapeCharacter() {
		assertThat(SearchText.containsPattern("100%")).isEqualTo("%100\\%%");
		assertThat(SearchText.containsPattern("snake_case")).isEqualTo("%snake\\_case%");
		assertThat(SearchText.containsPattern("a\\b")).isEqualTo("%a\\\\b%");
		// The backslash is escaped first, so an escaped wildcard is not escaped twice.
		assertThat(SearchText.containsPattern("\\%")).isEqualTo("%\\\\\\%%");
	}

}
