package dev.skylog.events;

import java.util.Objects;

/**
 * Checks the identifiers events are keyed by. A DID is the only key of every Skylog topic, so a value that
 * is not one (a handle, or worse a token pasted into the wrong field) is refused when the event is built.
 */
public final class Dids {

	// did:plc and did:web are the methods Bluesky supports; the syntax rule is the generic one from the
	// AT Protocol DID spec so that a future method does not break ingestion. Checked by hand rather than by a
	// regular expression: every event is checked when it is read, and character-class unions were a tenth of a
	// replay's processor time.
	private static final int MAX_DID_IDENTIFIER = 2040;

	private static final int MAX_RECORD_KEY = 512;

	private Dids() {
	}

	public static String requireDid(String did) {
		Objects.requireNonNull(did, "did");
		if (!isDid(did)) {
			throw new IllegalArgumentException("not a DID (value withheld: it may be a credential pasted into the wrong field)");
		}
		return did;
	}

	public static String requireAtUri(String uri) {
		Objects.requireNonNull(uri, "uri");
		if (!isAtUri(uri)) {
			throw new IllegalArgumentException("not an AT URI of a record (value withheld)");
		}
		return uri;
	}

	/** {@code did:[a-z]+:[a-zA-Z0-9._:%-]{1,2040}} */
	public static boolean isDid(String value) {
		return value != null && didEnd(value, 0, MAX_DID_IDENTIFIER) == value.length();
	}

	/**
	 * The repository an AT URI names a record in: the DID after {@code at://}, or null when {@code uri} is not a
	 * record's AT URI.
	 */
	public static String authority(String uri) {
		if (uri == null || !isAtUri(uri)) {
			return null;
		}
		return uri.substring(5, didEnd(uri, 5, Integer.MAX_VALUE));
	}

	/** {@code at://<did>/[a-zA-Z0-9.-]+/[a-zA-Z0-9._~:-]{1,512}}: a record's AT URI. */
	static boolean isAtUri(String value) {
		if (!value.startsWith("at://")) {
			return false;
		}
		int did = didEnd(value, 5, Integer.MAX_VALUE);
		if (did < 0 || did == value.length() || value.charAt(did) != '/') {
			return false;
		}
		int collection = did + 1;
		while (collection < value.length() && isCollectionCharacter(value.charAt(collection))) {
			collection++;
		}
		if (collection == did + 1 || collection == value.length() || value.charAt(collection) != '/') {
			return false;
		}
		int key = collection + 1;
		int keyLength = value.length() - key;
		if (keyLength < 1 || keyLength > MAX_RECORD_KEY) {
			return false;
		}
		for (int i = key; i < value.length(); i++) {
			if (!isRecordKeyCharacter(value.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Where the DID starting at {@code from} ends (the first character that cannot be part of it), or -1 if there
	 * is none there or its identifier is longer than {@code maxIdentifier}.
	 */
	private static int didEnd(String value, int from, int maxIdentifier) {
		if (!value.startsWith("did:", from)) {
			return -1;
		}
		int i = from + 4;
		int method = i;
		while (i < value.length() && value.charAt(i) >= 'a' && value.charAt(i) <= 'z') {
			i++;
		}
		if (i == method || i == value.length() || value.charAt(i) != ':') {
			return -1;
		}
		int identifier = ++i;
		while (i < value.length() && isIdentifierCharacter(value.charAt(i))) {
			i++;
		}
		int length = i - identifier;
		return (length < 1 || length > maxIdentifier) ? -1 : i;
	}

	private static boolean isAlphanumeric(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	}

	private static boolean isIdentifierCharacter(char c) {
		return isAlphanumeric(c) || c == '.' || c == '_' || c == ':' || c == '%' || c == '-';
	}

	private static boolean isCollectionCharacter(char c) {
		return isAlphanumeric(c) || c == '.' || c == '-';
	}

	private static boolean isRecordKeyCharacter(char c) {
		return isAlphanumeric(c) || c == '.' || c == '_' || c == '~' || c == ':' || c == '-';
	}


}
