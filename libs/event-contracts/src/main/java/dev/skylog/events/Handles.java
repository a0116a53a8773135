package dev.skylog.events;

import java.util.regex.Pattern;

/** What a handle looks like: the one check every service applies to a handle it is given. */
public final class Handles {

	// The handle syntax from the AT Protocol spec: DNS labels, at least two, the last not starting with a digit.
	private static final Pattern HANDLE = Pattern
		.compile("^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$");

	private static final int MAX_LENGTH = 253;

	private Handles() {
	}

	public static boolean isHandle(String value) {
		return value != null && value.length() <= MAX_LENGTH && HANDLE.matcher(value).matches();
	}

}
