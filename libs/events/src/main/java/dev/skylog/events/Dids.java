package dev.skylog.events;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks the identifiers events are keyed by. A DID is the only key of every Skylog topic, so a value that
 * is not one (a handle, or worse a token pasted into the wrong field) is refused when the event is built.
 */
public final class Dids {

	// did:plc and did:web are the methods Bluesky supports; the syntax rule is the generic one from the
	// AT Protocol DID spec so that a future method does not break ingestion.
	private static final Pattern DID = Pattern.compile("^did:[a-z]+:[a-zA-Z0-9._:%-]{1,2040}$");

	private static final Pattern AT_URI = Pattern.compile("^at://did:[a-z]+:[a-zA-Z0-9._:%-]+/[a-zA-Z0-9.-]+/[a-zA-Z0-9._~:-]{1,512}$");

	private Dids() {
	}

	public static String requireDid(String did) {
		Objects.requireNonNull(did, "did");
		if (!DID.matcher(did).matches()) {
			throw new IllegalArgumentException("not a DID (value withheld: it may be a credential pasted into the wrong field)");
		}
		return did;
	}

	public static String requireAtUri(String uri) {
		Objects.requireNonNull(uri, "uri");
		if (!AT_URI.matcher(uri).matches()) {
			throw new IllegalArgumentException("not an AT URI of a record (value withheld)");
		}
		return uri;
	}

	public static boolean isDid(String value) {
		return value != null && DID.matcher(value).matches();
	}


}
