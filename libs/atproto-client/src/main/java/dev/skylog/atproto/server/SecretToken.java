package dev.skylog.atproto.server;

import java.util.Objects;

/**
 * An access or refresh JWT. Its {@code toString} never shows the value, so a token printed by accident (a
 * log line, an exception message) does not leak; {@link #reveal()} is the one explicit way to read it.
 */
public final class SecretToken {

	private final String value;

	public SecretToken(String value) {
		this.value = Objects.requireNonNull(value, "value");
	}

	public String reveal() {
		return this.value;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof SecretToken token && token.value.equals(this.value);
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	@Override
	public String toString() {
		return "SecretToken[redacted]";
	}

}
