package dev.skylog.archive.post.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.skylog.events.EventJson;
import dev.skylog.archive.post.domain.ArchivedPost;
import dev.skylog.archive.post.domain.PostQuery;
import dev.skylog.archive.post.domain.SearchText;
import dev.skylog.events.post.PostContent;
import dev.skylog.events.post.PostKind;

/**
 * Reads an account's archive. Every query is bounded to one account and leaves hidden posts out; timelines are
 * keyset pages over {@code (sort_at, uri)}, which {@code post_timeline_idx} serves in either direction.
 */
@Repository
public class PostFinder {

	private static final String COLUMNS = "p.uri, p.kind, p.created_at, p.sort_at, p.content";

	private final DatabaseClient database;

	public PostFinder(DatabaseClient database) {
		this.database = database;
	}

	/** One more than {@code query.limit()}, so the caller knows whether another page follows. */
	public Flux<ArchivedPost> find(String did, PostQuery query) {
		Conditions where = new Conditions(did);
		where.add("p.sort_at >= :from", "from", query.from());
		where.add("p.sort_at < :to", "to", query.to());
		if (query.kinds().size() < PostKind.values().length) {
			where.add("p.kind = ANY(CAST(:kinds AS text[]))", "kinds",
					query.kinds().stream().map(Enum::name).toArray(String[]::new));
		}
		for (String term : query.terms()) {
			// A LIKE the trigram index can serve, or for one or two characters (no trigram to look up) a plain
			// substring test over the account's own posts.
			if (SearchText.indexable(term)) {
				where.add("p.search_text LIKE :term" + where.size() + " ESCAPE '\\'", "term" + where.size(),
						SearchText.containsPattern(term));
			}
			else {
				where.add("strpos(p.search_text, :term" + where.size() + ") > 0", "term" + where.size(), term);
			}
		}
		where.add("EXISTS (SELECT 1 FROM post_hashtag h WHERE h.post_uri = p.uri AND lower(h.tag) = lower(:tag))",
				"tag", query.hashtag());
		where.add("EXISTS (SELECT 1 FROM post_mention m WHERE m.post_uri = p.uri AND m.did = :mention)", "mention",
				query.mentionDid());
		if (query.has() == PostQuery.Has.MEDIA) {
			where.add("EXISTS (SELECT 1 FROM post_media m WHERE m.post_uri = p.uri)");
		}
		else if (query.has() == PostQuery.Has.LINK) {
			where.add("EXISTS (SELECT 1 FROM post_link l WHERE l.post_uri = p.uri)");
		}
		if (query.lang() != null) {
			// "ja" finds posts tagged "ja" and "ja-JP"; BCP 47 tags are case-insensitive.
			where.add("EXISTS (SELECT 1 FROM unnest(p.langs) l WHERE lower(l) = lower(:lang) "
					+ "OR lower(l) LIKE lower(:lang) || '-%')", "lang", query.lang());
		}
		boolean newest = query.order() == PostQuery.Order.NEWEST;
		if (query.after() != null) {
			where.add("(p.sort_at, p.uri) " + (newest ? "<" : ">") + " (:afterAt, :afterUri)", "afterAt",
					query.after().sortAt());
			where.bind("afterUri", query.after().uri());
		}
		String direction = newest ? "DESC" : "ASC";
		return where.apply(this.database.sql("SELECT " + COLUMNS + " FROM post p WHERE " + where.sql()
				+ " ORDER BY p.sort_at " + direction + ", p.uri " + direction + " LIMIT " + (query.limit() + 1)))
			.map(PostFinder::post)
			.all();
	}

	/** The whole archive or a range of it, oldest first, row by row as the database sends them. */
	public Flux<ArchivedPost> stream(String did, Instant from, Instant to) {
		Conditions where = new Conditions(did);
		where.add("p.sort_at >= :from", "from", from);
		where.add("p.sort_at < :to", "to", to);
		return where.apply(this.database.sql("SELECT " + COLUMNS + " FROM post p WHERE " + where.sql()
				+ " ORDER BY p.sort_at, p.uri"))
			.map(PostFinder::post)
			.all();
	}

	/** Posts of the same month and day in earlier years than {@code date}, newest year first. */
	public Flux<ArchivedPost> onThisDay(String did, ZoneId zone, LocalDate date, int limit) {
		return this.database.sql("SELECT " + COLUMNS + " FROM post p WHERE p.did = :did AND NOT p.hidden "
				+ "AND p.sort_at < :startOfYear "
				+ "AND to_char(p.sort_at AT TIME ZONE :zone, 'MM-DD') = :monthDay "
				+ "ORDER BY p.sort_at DESC, p.uri DESC LIMIT " + limit)
			.bind("did", did)
			.bind("startOfYear", utc(date.withDayOfYear(1).atStartOfDay(zone).toInstant()))
			.bind("zone", zone.getId())
			.bind("monthDay", String.format("%02d-%02d", date.getMonthValue(), date.getDayOfMonth()))
			.map(PostFinder::post)
			.all();
	}

	/** Every month with posts, newest first, with its count. */
	public Mono<Map<YearMonth, Long>> months(String did, ZoneId zone) {
		return counted("SELECT to_char(sort_at AT TIME ZONE :zone, 'YYYY-MM') AS bucket, count(*) AS n FROM post "
				+ "WHERE did = :did AND NOT hidden GROUP BY 1 ORDER BY 1 DESC", did, zone, null, null)
			.map((counts) -> convert(counts, YearMonth::parse));
	}

	/** Every day of a range with posts, oldest first, with its count. */
	public Mono<Map<LocalDate, Long>> days(String did, ZoneId zone, Instant from, Instant to) {
		return counted("SELECT to_char(sort_at AT TIME ZONE :zone, 'YYYY-MM-DD') AS bucket, count(*) AS n FROM post "
				+ "WHERE did = :did AND NOT hidden AND sort_at >= :from AND sort_at < :to GROUP BY 1 ORDER BY 1", did,
				zone, from, to)
			.map((counts) -> convert(counts, LocalDate::parse));
	}

	public Mono<Map<PostKind, Long>> countsByKind(String did) {
		return this.database.sql("SELECT kind, count(*) AS n FROM post WHERE did = :did AND NOT hidden GROUP BY kind")
			.bind("did", did)
			.map((row) -> Map.entry(PostKind.valueOf(row.get("kind", String.class)), row.get("n", Long.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/** When the account's oldest archived post was made, or empty for an empty archive. */
	public Mono<Instant> firstPostAt(String did) {
		return this.database.sql("SELECT sort_at FROM post WHERE did = :did AND NOT hidden ORDER BY sort_at LIMIT 1")
			.bind("did", did)
			.map((row) -> row.get(0, OffsetDateTime.class).toInstant())
			.first();
	}

	/** The account's hashtags, most used first. */
	public Flux<Ranked> hashtags(String did, int limit) {
		return this.database.sql("""
				SELECT min(h.tag) AS name, NULL AS handle, count(*) AS n FROM post_hashtag h JOIN post p ON p.uri = h.post_uri
				WHERE p.did = :did AND NOT p.hidden AND p.kind <> 'REPOST'
				GROUP BY lower(h.tag) ORDER BY n DESC, name LIMIT :limit
				""")
			.bind("did", did)
			.bind("limit", limit)
			.map(PostFinder::ranked)
			.all();
	}

	/** Whom the account replies to most; replies to itself (threads) do not count. */
	public Flux<Ranked> replyPartners(String did, int limit) {
		return this.database.sql("""
				SELECT reply_parent_did AS name, max(content -> 'reply' ->> 'parentAuthorHandle') AS handle, count(*) AS n
				FROM post WHERE did = :did AND kind = 'REPLY' AND NOT hidden AND reply_parent_did IS NOT NULL
				    AND reply_parent_did <> :did
				GROUP BY reply_parent_did ORDER BY n DESC, name LIMIT :limit
				""")
			.bind("did", did)
			.bind("limit", limit)
			.map(PostFinder::ranked)
			.all();
	}

	/** The DID of a handle seen in this account's archive (its own, an account it replied to, reposted, quoted). */
	public Mono<String> didOfHandle(String did, String handle) {
		return this.database.sql("""
				SELECT did FROM profile WHERE lower(handle) = lower(:handle)
				UNION ALL SELECT author_did FROM post WHERE did = :did AND lower(author_handle) = lower(:handle)
				UNION ALL SELECT reply_parent_did FROM post
				    WHERE did = :did AND kind = 'REPLY' AND lower(content -> 'reply' ->> 'parentAuthorHandle') = lower(:handle)
				LIMIT 1
				""")
			.bind("did", did)
			.bind("handle", handle)
			.map((row) -> row.get(0, String.class))
			.first();
	}

	/** Hides the post or repost with this record key; true when there was one. */
	public Mono<Boolean> hide(String did, String rkey) {
		return this.database.sql("UPDATE post SET hidden = TRUE WHERE did = :did AND uri = ANY(CAST(:uris AS text[]))")
			.bind("did", did)
			.bind("uris", new String[] { "at://" + did + "/app.bsky.feed.post/" + rkey,
					"at://" + did + "/app.bsky.feed.repost/" + rkey })
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	private Mono<Map<String, Long>> counted(String sql, String did, ZoneId zone, Instant from, Instant to) {
		DatabaseClient.GenericExecuteSpec spec = this.database.sql(sql).bind("did", did).bind("zone", zone.getId());
		if (from != null) {
			spec = spec.bind("from", utc(from)).bind("to", utc(to));
		}
		return spec.map((row) -> Map.entry(row.get("bucket", String.class), row.get("n", Long.class)))
			.all()
			.collect(LinkedHashMap::new, (map, entry) -> map.put(entry.getKey(), entry.getValue()));
	}

	private static <K> Map<K, Long> convert(Map<String, Long> counts, java.util.function.Function<String, K> key) {
		Map<K, Long> converted = new LinkedHashMap<>();
		counts.forEach((bucket, n) -> converted.put(key.apply(bucket), n));
		return converted;
	}

	private static ArchivedPost post(Readable row) {
		String uri = row.get("uri", String.class);
		return new ArchivedPost(uri, uri.substring(uri.lastIndexOf('/') + 1),
				PostKind.valueOf(row.get("kind", String.class)),
				row.get("created_at", OffsetDateTime.class).toInstant(),
				row.get("sort_at", OffsetDateTime.class).toInstant(),
				EventJson.mapper().readValue(row.get("content", String.class), PostContent.class));
	}

	private static Ranked ranked(Readable row) {
		return new Ranked(row.get("name", String.class), row.get("handle", String.class), row.get("n", Long.class));
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/** A hashtag (name) or a reply partner (DID in name, handle when known), with how often. */
	public record Ranked(String name, String handle, long count) {
	}

	/** WHERE conditions of one account's visible posts, with their bind values. */
	private static final class Conditions {

		private final List<String> sql = new ArrayList<>();

		private final Map<String, Object> binds = new LinkedHashMap<>();

		Conditions(String did) {
			add("p.did = :did", "did", did);
			add("NOT p.hidden");
		}

		void add(String condition) {
			this.sql.add(condition);
		}

		/** Adds the condition only when {@code value} is present. */
		void add(String condition, String name, Object value) {
			if (value != null) {
				this.sql.add(condition);
				bind(name, value);
			}
		}

		void bind(String name, Object value) {
			this.binds.put(name, (value instanceof Instant instant) ? utc(instant) : value);
		}

		int size() {
			return this.sql.size();
		}

		String sql() {
			return String.join(" AND ", this.sql);
		}

		DatabaseClient.GenericExecuteSpec apply(DatabaseClient.GenericExecuteSpec spec) {
			for (Map.Entry<String, Object> bind : this.binds.entrySet()) {
				spec = spec.bind(bind.getKey(), bind.getValue());
			}
			return spec;
		}

	}

}
