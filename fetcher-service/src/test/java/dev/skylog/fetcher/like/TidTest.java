package dev.skylog.fetcher.like;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TidTest {

	@Test
	void readsTheTimeOfLikeRecordKeysRecordedFromTheDevnet() {
		// listRecords of app.bsky.feed.like: each key was minted at the record's createdAt.
		assertThat(Tid.timestamp("3lendqhtjk222")).isEqualTo(Instant.parse("2025-01-01T00:50:00Z"));
		assertThat(Tid.timestamp("3lendoomhs222")).isEqualTo(Instant.parse("2025-01-01T00:49:00Z"));
		assertThat(Tid.timestamp("3lendmvfg2222")).isEqualTo(Instant.parse("2025-01-01T00:48:00Z"));
	}

	@Test
	void keepsMicrosecondsAndIgnoresTheClockId() {
		// A valid TID of the protocol's interop tests; its last two characters carry clock id 6.
		assertThat(Tid.timestamp("3jzfcijpj2z2a")).isEqualTo(Instant.parse("2023-06-30T15:03:01.887007Z"));
	}

	@Test
	void decodesTheExtremesOfTheAlphabet() {
		assertThat(Tid.timestamp("2222222222222")).isEqualTo(Instant.EPOCH);
		// 3zzz...: every timestamp bit below the top ones set, and clock id 1023.
		assertThat(Tid.timestamp("3zzzzzzzzzzzz")).isEqualTo(Instant.parse("2041-05-10T11:56:53.685247Z"));
		assertThat(Tid.timestamp("7777777777777")).isEqualTo(Instant.parse("2154-02-23T01:24:53.381285Z"));
	}

	@Test
	void aKeyThatIsNoTidGivesTheEpoch() {
		assertThat(Tid.timestamp(null)).isEqualTo(Instant.EPOCH);
		assertThat(Tid.timestamp("")).isEqualTo(Instant.EPOCH);
		assertThat(Tid.timestamp("3lendqhtjk22")).isEqualTo(Instant.EPOCH);
		assertThat(Tid.timestamp("3lendqhtjk2222")).isEqualTo(Instant.EPOCH);
		assertThat(Tid.timestamp("self")).isEqualTo(Instant.EPOCH);
	}

	@Test
	void aCharacterOutsideBase32SortableGivesTheEpoch() {
		assertThat(Tid.timestamp("3LENDQHTJK222")).isEqualTo(Instant.EPOCH);
		assertThat(Tid.timestamp("3lendqhtjk221")).isEqualTo(Instant.EPOCH);
		assertThat(Tid.timestamp("3lendqhtjk220")).isEqualTo(Instant.EPOCH);
		assertThat(Tid.timestamp("3lendqhtjk22-")).isEqualTo(Instant.EPOCH);
	}

}
