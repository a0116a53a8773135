package dev.skylog.atproto.identity;

/** A handle or DID that no resolution method could find. */
public class IdentityNotFoundException extends RuntimeException {

	public IdentityNotFoundException(String message) {
		super(message);
	}

}
