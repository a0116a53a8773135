package dev.skylog.events;

import java.util.regex.Pattern;

/**
 * Guards the few free-text fields of events (a failure's detail, a re-login reason). They are written from
 * upstream error messages, which is exactly where a token could leak in; anything that looks like a JWT or an
 * Authorization header value is cut out before the event exists.
 */
public final class FreeText {

	private static final Pattern CREDENTIAL = Pattern
		.compile("(?i)(bearer\\s+\\S+|basic\\s+\\S+|eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*)");

	private FreeText() {
	}

	public static String withoutCredentials(String text, int maxLength) {
		if (text == null) {
			return "";
		}
		String cleaned = CREDENTIAL.matcher(text).replaceAll("[redacted]");
		return (cleaned.length() <= maxLength) ? cleaned : cleaned.substring(0, maxLength) + "…";
	}

}
