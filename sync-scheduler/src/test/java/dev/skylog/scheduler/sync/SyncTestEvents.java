package dev.skylog.scheduler.sync;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.skylog.events.EventJson;
import dev.skylog.events.EventMetadata;
import dev.skylog.events.SkylogEvent;
import dev.skylog.events.TopicSpec;
import dev.skylog.events.Topics;
import dev.skylog.events.account.AccountLinked;
import dev.skylog.events.account.AccountSettings;
import dev.skylog.events.kafka.EventPublisher;
import dev.skylog.events.sync.SyncCheckpoint;
import dev.skylog.events.sync.SyncRequested;
import dev.skylog.testkit.kafka.TestKafka;

/** Events as the scheduler's neighbours send them, and what it sends, on the real broker. */
public final class SyncTestEvents {

	private SyncTestEvents() {
	}

	/**
	 * A DID no other test uses: the broker, and so the topics, are shared by every test class of the JVM.
	 */
	public static String newDid() {
		return "did:plc:" + UUID.randomUUID().toString().replace("-", "").substring(0, 24).toLowerCase(Locale.ROOT);
	}

	public static AccountLinked linked(String did, Clock clock) {
		return AccountLinked.of(EventMetadata.now(clock), did, "someone.test", URI.create("http://127.0.0.1:2583"), true,
				AccountSettings.defaults());
	}

	/**
	 * A checkpoint from its JSON form, so tests name only the fields they care about and keep compiling when
	 * the fetcher's checkpoint gains one.
	 */
	public static SyncCheckpoint checkpoint(String json) {
		return EventJson.mapper().readValue(json, SyncCheckpoint.class);
	}

	public static SyncCheckpoint checkpointWithCursor(String cursor) {
		return checkpoint("""
				{"newestPostSortAt":"2026-01-02T03:04:05Z","newestPostUri":"at://did:plc:someone/app.bsky.feed.post/3kabc",
				 "postsResumeCursor":"%s","likesResumeCursor":"%s-likes",
				 "recentPostUris":["at://did:plc:someone/app.bsky.feed.post/3kabc"]}""".formatted(cursor, cursor));
	}

	public static <V extends SkylogEvent> void publish(EventPublisher publisher, TopicSpec<V> topic, V event) {
		try {
			publisher.publish(topic, event).get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not publish " + event, ex);
		}
	}

	/** The SyncRequested for {@code did} on the topic, waiting until {@code expected} arrived or time ran out. */
	public static List<SyncRequested> requests(String did, int expected, Duration timeout) {
		return TestKafka.records(Topics.SYNC_REQUESTS.name(), did, expected, timeout)
			.stream()
			.map((record) -> EventJson.mapper().readValue(record.value(), SyncRequested.class))
			.toList();
	}

	/** Exactly {@code count} requests for {@code did}; waits for them, and a little longer for any extra. */
	public static List<SyncRequested> awaitRequests(String did, int count) {
		List<SyncRequested> requests = requests(did, count, Duration.ofSeconds(30));
		if (requests.size() != count) {
			throw new AssertionError("expected " + count + " SyncRequested for " + did + ", got " + requests);
		}
		List<SyncRequested> more = requests(did, count + 1, Duration.ofSeconds(2));
		if (more.size() != count) {
			throw new AssertionError("expected only " + count + " SyncRequested for " + did + ", got " + more);
		}
		return requests;
	}

}
