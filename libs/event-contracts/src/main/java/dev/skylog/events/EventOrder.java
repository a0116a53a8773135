package dev.skylog.events;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one rule by which every read model applies events about a record: the newest event wins, whatever order
 * events arrive in. Kafka keeps one account's events in order on one topic, but a fetch from an overlapping sync
 * can be published after the deletion it predates, a replay reads topics in another interleaving, and a
 * redelivery repeats what was applied: "last message wins" would bring a deleted post back.
 *
 * <p>Newest means the event's time ({@code occurredAt}: the fetcher dates everything a sync collected by the
 * sync's token grant). At the same time a removal wins, so a fetch and the deletion it saw never resurrect the
 * record; between two fetches of the same time the later one in the log wins, as it does across batches.
 * Read models keep this order in their rows too: a row remembers the time of the event that wrote it, a removal
 * leaves a tombstone with its time, and an account's deletion fences off everything dated at or before it.
 */
public final class EventOrder {

	private EventOrder() {
	}

	/** Whether {@code candidate} takes effect over {@code current}, an earlier event about the same record. */
	public static boolean supersedes(RecordEvent candidate, RecordEvent current) {
		int order = candidate.occurredAt().compareTo(current.occurredAt());
		return order > 0 || (order == 0 && (candidate.removesRecord() || !current.removesRecord()));
	}

	/** The event that takes effect for each record of a batch, in the order the records were first seen. */
	public static <E extends RecordEvent> Collection<E> newestPerRecord(List<E> events) {
		Map<String, E> newest = new LinkedHashMap<>();
		for (E event : events) {
			newest.merge(event.uri(), event, (current, candidate) -> supersedes(candidate, current) ? candidate : current);
		}
		return newest.values();
	}

}
