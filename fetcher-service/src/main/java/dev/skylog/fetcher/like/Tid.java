package dev.skylog.fetcher.like;

import java.time.Instant;

/**
 * Reads the time out of a TID record key: 13 characters of base32-sortable holding microseconds since the epoch
 * (53 bits) and a clock id. The view of a liked post does not say when it was liked; the like's key does.
 */
final class Tid {

	private static final String ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";

	private Tid() {
	}

	static Instant timestamp(String tid) {
		if (tid == null || tid.length() != 13) {
			return Instant.EPOCH;
		}
		long value = 0;
		for (char c : tid.toCharArray()) {
			int digit = ALPHABET.indexOf(c);
			if (digit < 0) {
				return Instant.EPOCH;
			}
			value = (value << 5) | digit;
		}
		long micros = value >>> 10;
		return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
	}

}
