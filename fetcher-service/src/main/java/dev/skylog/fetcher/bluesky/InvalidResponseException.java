package dev.skylog.fetcher.bluesky;

/** Bluesky answered something that does not match its lexicon: a sync cannot trust the rest of that page. */
public class InvalidResponseException extends RuntimeException {

	public InvalidResponseException(String message) {
		super(message);
	}

}
