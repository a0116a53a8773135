package dev.skylog.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.skylog.events.history.GeneratedHistory;
import dev.skylog.events.post.PostContent;
import dev.skylog.events.post.PostDeleted;
import dev.skylog.events.post.PostFetched;
import dev.skylog.events.post.PostKind;

import static org.assertj.core.api.Assertions.assertThat;

class EventOrderTest {

	static final String DID = "did:plc:alice0000000000000000000";

	static final String URI = "at://" + DID + "/app.bsky.feed.post/3a";

	@Test
	void theNewestEventWinsWhateverOrderTheyArriveIn() {
		PostFetched older = fetched(10);
		PostDeleted deleted = deleted(20);
		PostFetched newer = fetched(30);
		assertThat(EventOrder.newestPerRecord(List.of(older, deleted, newer))).containsExactly(newer);
		assertThat(EventOrder.newestPerRecord(List.of(newer, deleted, older))).containsExactly(newer);
		assertThat(EventOrder.newestPerRecord(List.of(deleted, older))).containsExactly(deleted);
		assertThat(EventOrder.newestPerRecord(List.of(older, deleted))).containsExactly(deleted);
	}

	@Test
	void aDeletionWinsATieAndOfTwoFetchesAtOneTimeTheLaterInTheLog() {
		PostFetched fetched = fetched(10);
		PostDeleted deleted = deleted(10);
		assertThat(EventOrder.newestPerRecord(List.of(fetched, deleted))).containsExactly(deleted);
		assertThat(EventOrder.newestPerRecord(List.of(deleted, fetched))).containsExactly(deleted);
		PostFetched again = fetched(10);
		assertThat(EventOrder.newestPerRecord(List.of(fetched, again))).containsExactly(again);
		assertThat(EventOrder.supersedes(again, fetched)).isTrue();
		assertThat(EventOrder.supersedes(fetched, deleted)).isFalse();
	}

	/**
	 * The choice per record is the same for every order of a generated history's events: the same time and kind
	 * (two deletions at one time are the same deletion to a read model).
	 */
	@Test
	void anyShuffleOfAHistoryKeepsTheSameEventPerRecord() {
		for (long seed = 0; seed < 500; seed++) {
			List<RecordEvent> events = GeneratedHistory.generate(seed).events().stream()
				.filter(RecordEvent.class::isInstance).map(RecordEvent.class::cast).toList();
			Map<String, String> expected = chosen(events);
			List<RecordEvent> shuffled = new ArrayList<>(events);
			Collections.shuffle(shuffled, new Random(seed));
			assertThat(chosen(shuffled)).as("seed %d", seed).isEqualTo(expected);
		}
	}

	private static Map<String, String> chosen(List<RecordEvent> events) {
		return EventOrder.newestPerRecord(events).stream()
			.collect(Collectors.toMap(RecordEvent::uri, (e) -> e.occurredAt() + (e.removesRecord() ? " deleted" : "")));
	}

	private static PostFetched fetched(long second) {
		Instant at = Instant.ofEpochSecond(second);
		return PostFetched.of(new EventMetadata(UUID.randomUUID(), at), DID, URI, "bafy", PostKind.POST, at, at,
				new PostContent(URI, "bafy", DID, "alice.test", "t", List.of(), List.of(), List.of(), null, null, null, at,
						null));
	}

	private static PostDeleted deleted(long second) {
		return PostDeleted.of(new EventMetadata(UUID.randomUUID(), Instant.ofEpochSecond(second)), DID, URI);
	}

}
