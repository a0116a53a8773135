package dev.skylog.events.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import dev.skylog.events.EventMetadata;
import dev.skylog.events.SkylogEvent;
import dev.skylog.events.Topics;
import dev.skylog.events.account.AccountDeleted;
import dev.skylog.events.like.LikeDeleted;
import dev.skylog.events.like.LikeFetched;
import dev.skylog.events.post.PostContent;
import dev.skylog.events.post.PostDeleted;
import dev.skylog.events.post.PostFetched;
import dev.skylog.events.post.PostKind;

/**
 * A random history of one or two accounts as the topics would hold it: fetches, re-fetches dated before what
 * the log already holds (an overlapping sync), deletions (some at the very time of a fetch), redeliveries, and
 * account deletions followed by more events (a new login). {@link #deliveries} cuts it into the batches a consumer
 * could see: each batch from one topic, each account's events of a topic in log order, accounts and topics
 * interleaved at random, and now and then a batch delivered twice (a consumer that died before committing).
 *
 * <p>Every projection of archive and stats must end in {@link HistoryModel}'s state for it. Reproduce a failure
 * with its seed: {@code generate(seed)} gives the same history and deliveries.
 */
public final class GeneratedHistory {

	private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");

	private final long seed;

	private final List<String> dids;

	/** Each topic's records in log order, as (topic name, event); redeliveries appear again. */
	private final List<Map.Entry<String, SkylogEvent>> log;

	private GeneratedHistory(long seed, List<String> dids, List<Map.Entry<String, SkylogEvent>> log) {
		this.seed = seed;
		this.dids = dids;
		this.log = log;
	}

	public static GeneratedHistory generate(long seed) {
		Random random = new Random(seed);
		List<String> dids = new ArrayList<>();
		for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
			dids.add("did:plc:h" + Long.toHexString(seed & 0xffffffffffL) + "x" + i + UUID.randomUUID().toString()
				.replace("-", "").substring(0, 8));
		}
		List<Map.Entry<String, SkylogEvent>> log = new ArrayList<>();
		Set<Instant> used = new HashSet<>();
		Map<String, List<Instant>> fetchTimes = new LinkedHashMap<>();
		long clock = 0;
		int operations = 4 + random.nextInt(30);
		for (int op = 0; op < operations; op++) {
			String did = dids.get(random.nextInt(dids.size()));
			int choice = random.nextInt(100);
			if (choice < 15 && !log.isEmpty()) {
				log.add(log.get(random.nextInt(log.size())));
				continue;
			}
			if (choice < 22) {
				clock += 1 + random.nextInt(3);
				Instant at = unique(ORIGIN.plusSeconds(clock), used);
				log.add(Map.entry(Topics.ACCOUNTS.name(),
						AccountDeleted.of(meta(at), did, AccountDeleted.Reason.USER_REQUEST)));
				continue;
			}
			boolean post = random.nextBoolean();
			String uri = "at://" + did + (post ? "/app.bsky.feed.post/3p" : "/app.bsky.feed.like/3l") + random.nextInt(4);
			boolean delete = choice >= 70;
			Instant at;
			List<Instant> fetchedAt = fetchTimes.computeIfAbsent(uri, (u) -> new ArrayList<>());
			if (delete && !fetchedAt.isEmpty() && random.nextInt(5) == 0) {
				// At the very time of one of its fetches: the deletion must win the tie.
				at = fetchedAt.get(random.nextInt(fetchedAt.size()));
			}
			else if (random.nextInt(10) < 3 && clock > 0) {
				// Dated before what the log already holds: an overlapping sync, published late.
				at = unique(ORIGIN.plusMillis(random.nextLong(clock * 1000)), used);
			}
			else {
				clock += 1 + random.nextInt(3);
				at = unique(ORIGIN.plusSeconds(clock), used);
			}
			if (!delete) {
				fetchedAt.add(at);
			}
			SkylogEvent event = post ? (delete ? PostDeleted.of(meta(at), did, uri) : postFetched(did, uri, at))
					: (delete ? LikeDeleted.of(meta(at), did, uri) : likeFetched(did, uri, at));
			log.add(Map.entry(post ? Topics.POSTS.name() : Topics.LIKES.name(), event));
		}
		return new GeneratedHistory(seed, List.copyOf(dids), List.copyOf(log));
	}

	public long seed() {
		return this.seed;
	}

	public List<String> dids() {
		return this.dids;
	}

	public List<SkylogEvent> events() {
		return this.log.stream().map(Map.Entry::getValue).toList();
	}

	/**
	 * The batches a consumer group could be handed: one topic each, an account's events on a topic in log order,
	 * everything else shuffled; a batch is sometimes handed over again.
	 */
	public List<List<SkylogEvent>> deliveries() {
		Random random = new Random(this.seed ^ 0x5DEECE66DL);
		// Pending records per topic and account (an account's partition keeps its order).
		Map<String, Map<String, List<SkylogEvent>>> pending = new LinkedHashMap<>();
		for (Map.Entry<String, SkylogEvent> record : this.log) {
			pending.computeIfAbsent(record.getKey(), (t) -> new LinkedHashMap<>())
				.computeIfAbsent(record.getValue().did(), (d) -> new ArrayList<>())
				.add(record.getValue());
		}
		List<List<SkylogEvent>> batches = new ArrayList<>();
		while (!pending.isEmpty()) {
			List<String> topics = new ArrayList<>(pending.keySet());
			String topic = topics.get(random.nextInt(topics.size()));
			Map<String, List<SkylogEvent>> queues = pending.get(topic);
			List<SkylogEvent> batch = new ArrayList<>();
			for (int size = 1 + random.nextInt(8); batch.size() < size && !queues.isEmpty();) {
				List<String> accounts = new ArrayList<>(queues.keySet());
				String did = accounts.get(random.nextInt(accounts.size()));
				List<SkylogEvent> queue = queues.get(did);
				batch.add(queue.remove(0));
				if (queue.isEmpty()) {
					queues.remove(did);
				}
			}
			if (queues.isEmpty()) {
				pending.remove(topic);
			}
			batches.add(batch);
			if (random.nextInt(10) == 0) {
				batches.add(batch);
			}
		}
		return batches;
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("history of seed ").append(this.seed).append(":\n");
		for (Map.Entry<String, SkylogEvent> record : this.log) {
			SkylogEvent event = record.getValue();
			text.append("  ").append(event.occurredAt()).append(' ').append(event.getClass().getSimpleName())
				.append(' ').append((event instanceof dev.skylog.events.RecordEvent r) ? r.uri() : event.did())
				.append('\n');
		}
		return text.toString();
	}

	private static Instant unique(Instant at, Set<Instant> used) {
		Instant time = at;
		while (!used.add(time)) {
			time = time.plusMillis(1);
		}
		return time;
	}

	private static EventMetadata meta(Instant at) {
		return new EventMetadata(UUID.randomUUID(), at);
	}

	private static PostFetched postFetched(String did, String uri, Instant at) {
		// The text carries the event's time, so the row shows which fetch it came from.
		String text = "fetched at " + at;
		return PostFetched.of(meta(at), did, uri, "bafy", PostKind.POST, at, at, new PostContent(uri, "bafy", did,
				"history.test", text, List.of(), List.of(), List.of(), null, null, null, at, null));
	}

	private static LikeFetched likeFetched(String did, String uri, Instant at) {
		return LikeFetched.of(meta(at), did, uri, "at://did:plc:subject00000000000000000/app.bsky.feed.post/3s", at,
				null);
	}

}
