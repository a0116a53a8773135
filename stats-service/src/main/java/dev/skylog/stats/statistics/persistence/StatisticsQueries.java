package dev.skylog.stats.statistics.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.skylog.stats.account.domain.StatsAccount;
import dev.skylog.stats.statistics.domain.Statistics.Day;
import dev.skylog.stats.statistics.domain.Statistics.Partner;
import dev.skylog.stats.statistics.domain.Statistics.PeriodCount;
import dev.skylog.stats.statistics.domain.Statistics.TagCount;

/**
 * Statistics derived from the facts at read time, in the account's current time zone: nothing is
 * pre-aggregated, so no number can drift from the facts, a delete is subtracted at once, and a time-zone change
 * moves every post to its new day. One account's facts are thousands of rows, which PostgreSQL aggregates in
 * milliseconds (see bench/README.md).
 */
@Repository
public class StatisticsQueries {

	private static final String DAY = "(posted_at AT TIME ZONE :zone)::date";

	private final DatabaseClient database;

	public StatisticsQueries(DatabaseClient database) {
		this.database = database;
	}

	/** Days with activity between two instants, oldest first; likes by the day they were given. */
	public Mono<Map<LocalDate, Day>> days(StatsAccount account, Instant from, Instant to) {
		Mono<Map<LocalDate, Day>> posts = bind(this.database.sql("SELECT " + DAY + " AS day, "
				+ "count(*) FILTER (WHERE kind = 'POST') AS posts, count(*) FILTER (WHERE kind = 'REPLY') AS replies, "
				+ "count(*) FILTER (WHERE kind = 'QUOTE') AS quotes, count(*) FILTER (WHERE kind = 'REPOST') AS reposts, "
				+ "count(*) FILTER (WHERE has_media) AS media, coalesce(sum(chars), 0) AS chars FROM stats.post_fact "
				+ "WHERE did = :did AND posted_at >= :from AND posted_at < :to GROUP BY 1 ORDER BY 1"), account, from, to)
			.map((row) -> new Day(row.get("day", LocalDate.class), number(row, "posts"), number(row, "replies"),
					number(row, "quotes"), number(row, "reposts"), 0, number(row, "media"), number(row, "chars")))
			.all()
			.collectMap(Day::date, (day) -> day, LinkedHashMap::new);
		Mono<Map<LocalDate, Long>> likes = bind(this.database.sql("SELECT (liked_at AT TIME ZONE :zone)::date AS day, "
				+ "count(*) AS n FROM stats.like_fact WHERE did = :did AND liked_at >= :from AND liked_at < :to "
				+ "GROUP BY 1"), account, from, to)
			.map((row) -> Map.entry(row.get("day", LocalDate.class), number(row, "n")))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
		return posts.zipWith(likes, (byDay, likesByDay) -> {
			Map<LocalDate, Day> merged = new java.util.TreeMap<>(byDay);
			likesByDay.forEach((date, n) -> {
				Day day = merged.getOrDefault(date, Day.empty(date));
				merged.put(date, new Day(date, day.posts(), day.replies(), day.quotes(), day.reposts(), n,
						day.withMedia(), day.characters()));
			});
			return merged;
		});
	}

	/** Every posting day of the account, oldest first. */
	public Flux<LocalDate> postingDays(StatsAccount account) {
		return this.database.sql("SELECT DISTINCT " + DAY + " AS day FROM stats.post_fact "
				+ "WHERE did = :did AND kind <> 'REPOST' ORDER BY 1")
			.bind("did", account.did())
			.bind("zone", account.timeZone().getId())
			.map((row) -> row.get("day", LocalDate.class))
			.all();
	}

	/** Counts per month ({@code YYYY-MM}) or year ({@code YYYY}), newest first. */
	public Flux<PeriodCount> periods(StatsAccount account, String pattern) {
		return this.database.sql("SELECT to_char(posted_at AT TIME ZONE :zone, :pattern) AS period, "
				+ "count(*) FILTER (WHERE kind = 'POST') AS posts, count(*) FILTER (WHERE kind = 'REPLY') AS replies, "
				+ "count(*) FILTER (WHERE kind = 'QUOTE') AS quotes, count(*) FILTER (WHERE kind = 'REPOST') AS reposts "
				+ "FROM stats.post_fact WHERE did = :did GROUP BY 1 ORDER BY 1 DESC")
			.bind("did", account.did())
			.bind("zone", account.timeZone().getId())
			.bind("pattern", pattern)
			.map((row) -> new PeriodCount(row.get("period", String.class), number(row, "posts"),
					number(row, "replies"), number(row, "quotes"), number(row, "reposts")))
			.all();
	}

	/** Totals: posts by kind, posts with media, characters, likes given. */
	public Mono<Map<String, Long>> totals(StatsAccount account) {
		return this.database.sql("""
				SELECT count(*) FILTER (WHERE kind = 'POST') AS posts, count(*) FILTER (WHERE kind = 'REPLY') AS replies,
				    count(*) FILTER (WHERE kind = 'QUOTE') AS quotes, count(*) FILTER (WHERE kind = 'REPOST') AS reposts,
				    count(*) FILTER (WHERE has_media) AS media, coalesce(sum(chars), 0) AS chars,
				    (SELECT count(*) FROM stats.like_fact WHERE did = :did) AS likes
				FROM stats.post_fact WHERE did = :did
				""")
			.bind("did", account.did())
			.map((row) -> {
				Map<String, Long> totals = new HashMap<>();
				for (String name : List.of("posts", "replies", "quotes", "reposts", "media", "chars", "likes")) {
					totals.put(name, number(row, name));
				}
				return totals;
			})
			.one();
	}

	/** Posts, replies and quotes per weekday (1 = Monday) and hour. */
	public Mono<long[][]> heatmap(StatsAccount account) {
		return this.database.sql("SELECT extract(isodow FROM posted_at AT TIME ZONE :zone)::int AS weekday, "
				+ "extract(hour FROM posted_at AT TIME ZONE :zone)::int AS hour, count(*) AS n FROM stats.post_fact "
				+ "WHERE did = :did AND kind <> 'REPOST' GROUP BY 1, 2")
			.bind("did", account.did())
			.bind("zone", account.timeZone().getId())
			.map((row) -> new long[] { row.get("weekday", Integer.class), row.get("hour", Integer.class),
					number(row, "n") })
			.all()
			.collect(() -> new long[7][24], (matrix, cell) -> matrix[(int) cell[0] - 1][(int) cell[1]] = cell[2]);
	}

	public Flux<TagCount> hashtags(StatsAccount account, int limit) {
		return this.database.sql("SELECT min(tag) AS tag, count(*) AS n FROM stats.post_fact, unnest(hashtags) AS tag "
				+ "WHERE did = :did GROUP BY lower(tag) ORDER BY n DESC, tag LIMIT :limit")
			.bind("did", account.did())
			.bind("limit", limit)
			.map((row) -> new TagCount(row.get("tag", String.class), number(row, "n")))
			.all();
	}

	/** Reply and mention partners, most frequent first; the account itself (threads) left out. */
	public Mono<List<Partner>> partners(StatsAccount account, int limit) {
		return this.database.sql("""
				SELECT partner, max(handle) AS handle, sum(replies) AS replies, sum(mentions) AS mentions FROM (
				    SELECT reply_parent_did AS partner, reply_parent_handle AS handle, 1 AS replies, 0 AS mentions
				    FROM stats.post_fact WHERE did = :did AND kind = 'REPLY' AND reply_parent_did IS NOT NULL
				    UNION ALL
				    SELECT mention, NULL, 0, 1 FROM stats.post_fact, unnest(mentions) AS mention WHERE did = :did
				) AS p
				WHERE partner <> :did
				GROUP BY partner ORDER BY sum(replies) + sum(mentions) DESC, partner LIMIT :limit
				""")
			.bind("did", account.did())
			.bind("limit", limit)
			.map((row) -> new Partner(row.get("partner", String.class), row.get("handle", String.class),
					number(row, "replies"), number(row, "mentions"), number(row, "replies") + number(row, "mentions")))
			.all()
			.collectList();
	}

	private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec,
			StatsAccount account, Instant from, Instant to) {
		return spec.bind("did", account.did())
			.bind("zone", account.timeZone().getId())
			.bind("from", from.atOffset(ZoneOffset.UTC))
			.bind("to", to.atOffset(ZoneOffset.UTC));
	}

	private static long number(Readable row, String column) {
		Number value = row.get(column, Number.class);
		return (value != null) ? value.longValue() : 0;
	}

}
