package dev.skylog.archive.post.domain;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one normalisation both a post's stored text and a query go through, so that matching is a plain
 * substring test: NFKC folds full-width Latin and half-width katakana into what people type, lower-casing makes
 * Latin text case-insensitive. Japanese has no spaces between words, so a term is matched as a substring,
 * never as a word.
 */
public final class SearchText {

	/** Terms shorter than this cannot use the trigram index: they are matched by scanning the account's posts. */
	public static final int INDEXED_TERM_LENGTH = 3;

	public static final int MAX_TERMS = 5;

	public static final int MAX_QUERY_LENGTH = 200;

	private SearchText() {
	}

	public static String normalize(String text) {
		return (text == null) ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
	}

	/** The whitespace-separated terms of a query, normalised; every one must occur in a post. */
	public static List<String> terms(String query) {
		if (query == null || query.isBlank()) {
			return List.of();
		}
		return Arrays.stream(normalize(query).trim().split("[\\s\\u3000]+"))
			.filter((term) -> !term.isEmpty())
			.distinct()
			.toList();
	}

	public static boolean indexable(String term) {
		return term.codePointCount(0, term.length()) >= INDEXED_TERM_LENGTH;
	}

	/** A LIKE pattern that matches {@code term} anywhere, with LIKE's own wildcards taken literally. */
	public static String containsPattern(String term) {
		return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

}
