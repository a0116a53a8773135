package dev.skylog.stats.facts.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.skylog.events.EventOrder;
import dev.skylog.events.RecordEvent;
import dev.skylog.events.SkylogEvent;
import dev.skylog.events.account.AccountDeleted;
import dev.skylog.events.account.AccountLinked;
import dev.skylog.events.account.AccountSettings;
import dev.skylog.events.account.AccountSettingsChanged;
import dev.skylog.events.like.LikeDeleted;
import dev.skylog.events.like.LikeFetched;
import dev.skylog.events.post.Facet;
import dev.skylog.events.post.PostDeleted;
import dev.skylog.events.post.PostFetched;
import dev.skylog.events.post.PostKind;
import dev.skylog.events.profile.ProfileFetched;

/**
 * Turns events into facts, the only thing statistics are computed from. Every write follows {@link EventOrder}
 * (the newest event of a record wins, by the event's time), deletions leave tombstones, a row is only ever
 * written or removed for its own account, and an account's deletion fences off everything fetched
 * before it: so the same events give the same facts whether delivered once, twice, or replayed in any
 * interleaving of topics, which is what lets a rebuild run next to the live listeners.
 */
@Repository
public class FactStore {

	// Hashtags and mentions travel to unnest() as one string per post: PostgreSQL arrays of arrays must be
	// rectangular. The separator cannot occur in a tag: facets() replaces it.
	private static final String SEPARATOR = "\u001f";

	// A batch's column travels as one text parameter, its values separated by ROW and NULL standing for null,
	// rather than as a text[] parameter: r2dbc-postgresql writes an array element by element, escaping each with
	// regular expressions on the connection's event loop, and that was the slowest step of a replay.
	private static final String ROW = "\u001e";

	private static final String NULL = "\u001d";

	private static final int SHADOW_LOCKS = 0x73686477;

	private final DatabaseClient database;

	public FactStore(DatabaseClient database) {
		this.database = database;
	}

	/**
	 * Applies a batch in a few multi-row statements; the caller brings the transaction. The batch's accounts are
	 * locked for the transaction first (in a fixed order, so two batches never deadlock): a batch of posts and an
	 * AccountDeleted on another topic, or the rebuild's catch-up and a live listener, then apply one after the
	 * other and each sees what the other wrote.
	 */
	public Mono<Void> apply(StatsSchema schema, List<? extends SkylogEvent> events) {
		List<RecordEvent> records = new ArrayList<>();
		List<SkylogEvent> accounts = new ArrayList<>();
		for (SkylogEvent event : events) {
			switch (event) {
				case RecordEvent record -> records.add(record);
				case AccountLinked linked -> accounts.add(linked);
				case AccountSettingsChanged changed -> accounts.add(changed);
				case AccountDeleted deleted -> accounts.add(deleted);
				case ProfileFetched profile -> accounts.add(profile);
				default -> {
				}
			}
		}
		if (records.isEmpty() && accounts.isEmpty()) {
			return Mono.empty();
		}
		// Within a batch, too, the newest event of a post or like wins, not the last message.
		Collection<RecordEvent> facts = EventOrder.newestPerRecord(records);
		return lockAccounts(schema, events).thenMany(Flux.fromIterable(accounts).concatMap((event) -> account(schema, event)))
			.then(upsertPosts(schema, only(facts, PostFetched.class)))
			.then(upsertLikes(schema, only(facts, LikeFetched.class)))
			.then(delete(schema, "post_fact", only(facts, PostDeleted.class), PostDeleted::uri, PostDeleted::did,
					PostDeleted::occurredAt))
			.then(delete(schema, "like_fact", only(facts, LikeDeleted.class), LikeDeleted::uri, LikeDeleted::did,
					LikeDeleted::occurredAt));
	}

	// The rebuild's consumers lock the shadow schema's accounts in a key space of their own (the two-key form):
	// they never wait for a live listener, only, rarely, for each other.
	private Mono<Void> lockAccounts(StatsSchema schema, List<? extends SkylogEvent> events) {
		String[] dids = events.stream().map(SkylogEvent::did).distinct().toArray(String[]::new);
		String lock = (schema == StatsSchema.SHADOW) ? "pg_advisory_xact_lock(" + SHADOW_LOCKS + ", h)"
				: "pg_advisory_xact_lock(h)";
		return this.database.sql("""
				SELECT count(%s)
				FROM (SELECT DISTINCT hashtext(d) AS h FROM unnest(CAST(:dids AS text[])) AS d ORDER BY h) AS locks
				""".formatted(lock))
			.bind("dids", dids)
			.then();
	}

	private Mono<Void> upsertPosts(StatsSchema schema, List<PostFetched> posts) {
		if (posts.isEmpty()) {
			return Mono.empty();
		}
		return withSeparators(this.database.sql(schema.sql("""
				INSERT INTO {s}.post_fact (uri, did, kind, posted_at, chars, has_media, hashtags, mentions,
				    reply_parent_did, reply_parent_handle, event_at)
				SELECT u.uri, u.did, u.kind, u.posted_at, u.chars, u.has_media,
				    CASE WHEN u.tags = '' THEN '{}'::text[] ELSE string_to_array(u.tags, :sep) END,
				    CASE WHEN u.mentions = '' THEN '{}'::text[] ELSE string_to_array(u.mentions, :sep) END,
				    u.parent_did, u.parent_handle, u.event_at
				FROM unnest(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
				  AS u(uri, did, kind, posted_at, chars, has_media, tags, mentions, parent_did, parent_handle, event_at)
				WHERE NOT EXISTS (SELECT 1 FROM {s}.deleted_fact d
				                  WHERE d.uri = u.uri AND d.deleted_at >= u.event_at)
				  AND NOT EXISTS (SELECT 1 FROM {s}.account a
				                  WHERE a.did = u.did AND a.deleted_at >= u.event_at)
				ON CONFLICT (uri) DO UPDATE SET kind = EXCLUDED.kind, posted_at = EXCLUDED.posted_at,
				    chars = EXCLUDED.chars, has_media = EXCLUDED.has_media, hashtags = EXCLUDED.hashtags,
				    mentions = EXCLUDED.mentions, reply_parent_did = EXCLUDED.reply_parent_did,
				    reply_parent_handle = EXCLUDED.reply_parent_handle, event_at = EXCLUDED.event_at
				WHERE post_fact.event_at <= EXCLUDED.event_at AND post_fact.did = EXCLUDED.did
				""".formatted(column("uri", "text"), column("did", "text"), column("kind", "text"),
				column("postedAt", "timestamptz"), column("chars", "int"), column("media", "boolean"),
				column("tags", "text"), column("mentions", "text"), column("parentDid", "text"),
				column("parentHandle", "text"), column("eventAt", "timestamptz")))))
			.bind("sep", SEPARATOR)
			.bind("uri", rows(posts, PostFetched::uri))
			.bind("did", rows(posts, PostFetched::did))
			.bind("kind", rows(posts, (p) -> p.kind().name()))
			.bind("postedAt", rows(posts, (p) -> p.sortAt().toString()))
			.bind("chars", rows(posts, (p) -> Integer.toString(characters(p))))
			.bind("media", rows(posts,
					(p) -> (p.kind() != PostKind.REPOST && !p.content().media().isEmpty()) ? "t" : "f"))
			.bind("tags", rows(posts, (p) -> facets(p, Facet.Kind.TAG)))
			.bind("mentions", rows(posts, (p) -> facets(p, Facet.Kind.MENTION)))
			.bind("parentDid", rows(posts,
					(p) -> (p.content().reply() != null) ? p.content().reply().parentAuthorDid() : null))
			.bind("parentHandle", rows(posts,
					(p) -> (p.content().reply() != null) ? p.content().reply().parentAuthorHandle() : null))
			.bind("eventAt", rows(posts, (p) -> p.occurredAt().toString()))
			.then();
	}

	private Mono<Void> upsertLikes(StatsSchema schema, List<LikeFetched> likes) {
		if (likes.isEmpty()) {
			return Mono.empty();
		}
		return withSeparators(this.database.sql(schema.sql("""
				INSERT INTO {s}.like_fact (uri, did, liked_at, event_at)
				SELECT u.uri, u.did, u.liked_at, u.event_at
				FROM unnest(%s, %s, %s, %s) AS u(uri, did, liked_at, event_at)
				WHERE NOT EXISTS (SELECT 1 FROM {s}.deleted_fact d
				                  WHERE d.uri = u.uri AND d.deleted_at >= u.event_at)
				  AND NOT EXISTS (SELECT 1 FROM {s}.account a
				                  WHERE a.did = u.did AND a.deleted_at >= u.event_at)
				ON CONFLICT (uri) DO UPDATE SET liked_at = EXCLUDED.liked_at, event_at = EXCLUDED.event_at
				WHERE like_fact.event_at <= EXCLUDED.event_at AND like_fact.did = EXCLUDED.did
				""".formatted(column("uri", "text"), column("did", "text"), column("likedAt", "timestamptz"),
				column("eventAt", "timestamptz")))))
			.bind("uri", rows(likes, LikeFetched::uri))
			.bind("did", rows(likes, LikeFetched::did))
			.bind("likedAt", rows(likes, (l) -> l.likedAt().toString()))
			.bind("eventAt", rows(likes, (l) -> l.occurredAt().toString()))
			.then();
	}

	private <E> Mono<Void> delete(StatsSchema schema, String table, List<E> deletions, Function<E, String> uri,
			Function<E, String> did, Function<E, Instant> at) {
		if (deletions.isEmpty()) {
			return Mono.empty();
		}
		String uris = rows(deletions, uri);
		String dids = rows(deletions, did);
		String times = rows(deletions, (e) -> at.apply(e).toString());
		return withSeparators(this.database.sql(schema.sql("""
				INSERT INTO {s}.deleted_fact (uri, did, deleted_at)
				SELECT u.uri, u.did, u.at
				FROM unnest(%s, %s, %s) AS u(uri, did, at)
				WHERE NOT EXISTS (SELECT 1 FROM {s}.account a
				                  WHERE a.did = u.did AND a.deleted_at >= u.at)
				ON CONFLICT (uri) DO UPDATE SET deleted_at = GREATEST(deleted_fact.deleted_at, EXCLUDED.deleted_at)
				WHERE deleted_fact.did = EXCLUDED.did
				""".formatted(column("uri", "text"), column("did", "text"), column("at", "timestamptz")))))
			.bind("uri", uris)
			.bind("did", dids)
			.bind("at", times)
			.then()
			.then(withSeparators(this.database.sql(schema.sql("DELETE FROM {s}." + table + " f USING unnest("
					+ column("uri", "text") + ", " + column("did", "text") + ", " + column("at", "timestamptz")
					+ ") AS u(uri, did, at) WHERE f.uri = u.uri AND f.did = u.did AND f.event_at <= u.at")))
				.bind("uri", uris)
				.bind("did", dids)
				.bind("at", times)
				.then());
	}

	private Mono<Void> account(StatsSchema schema, SkylogEvent event) {
		return switch (event) {
			case AccountLinked linked -> settings(schema, linked.did(), linked.handle(), linked.settings(),
					linked.occurredAt());
			case AccountSettingsChanged changed -> settings(schema, changed.did(), null, changed.settings(),
					changed.occurredAt());
			case AccountDeleted deleted -> deleteAccount(schema, deleted);
			case ProfileFetched profile -> handle(schema, profile);
			default -> Mono.empty();
		};
	}

	private Mono<Void> settings(StatsSchema schema, String did, String handle, AccountSettings settings,
			Instant at) {
		return this.database.sql(schema.sql("""
				INSERT INTO {s}.account (did, handle, handle_seen_at, time_zone, visibility, settings_at)
				VALUES (:did, :handle, CASE WHEN :handle IS NULL THEN '-infinity' ELSE CAST(:at AS timestamptz) END, :zone,
				    :visibility, CAST(:at AS timestamptz))
				ON CONFLICT (did) DO UPDATE SET
				    handle = CASE WHEN EXCLUDED.handle_seen_at > account.handle_seen_at
				        AND (account.deleted_at IS NULL OR account.deleted_at < EXCLUDED.handle_seen_at)
				        THEN EXCLUDED.handle ELSE account.handle END,
				    handle_seen_at = CASE WHEN EXCLUDED.handle_seen_at > account.handle_seen_at
				        AND (account.deleted_at IS NULL OR account.deleted_at < EXCLUDED.handle_seen_at)
				        THEN EXCLUDED.handle_seen_at ELSE account.handle_seen_at END,
				    time_zone = CASE WHEN EXCLUDED.settings_at >= account.settings_at THEN EXCLUDED.time_zone
				        ELSE account.time_zone END,
				    visibility = CASE WHEN EXCLUDED.settings_at >= account.settings_at THEN EXCLUDED.visibility
				        ELSE account.visibility END,
				    settings_at = GREATEST(account.settings_at, EXCLUDED.settings_at)
				"""))
			.bind("did", did)
			.bind("handle", Parameter.fromOrEmpty(handle, String.class))
			.bind("zone", settings.timeZone().getId())
			.bind("visibility", settings.visibility().name())
			.bind("at", at.toString())
			.then();
	}

	/**
	 * The handle a profile showed, when newer than the one known. A profile can arrive before the account's
	 * AccountLinked (another topic): it then makes a PRIVATE row without settings, which the link fills in, so
	 * both orders end in the same row and nothing is shown before the owner's settings are known. A profile
	 * fetched before the account was deleted changes nothing.
	 */
	private Mono<Void> handle(StatsSchema schema, ProfileFetched profile) {
		return this.database.sql(schema.sql("""
				INSERT INTO {s}.account (did, handle, handle_seen_at, visibility)
				VALUES (:did, :handle, CAST(:at AS timestamptz), 'PRIVATE')
				ON CONFLICT (did) DO UPDATE SET handle = EXCLUDED.handle, handle_seen_at = EXCLUDED.handle_seen_at
				WHERE account.handle_seen_at < EXCLUDED.handle_seen_at
				  AND (account.deleted_at IS NULL OR account.deleted_at < EXCLUDED.handle_seen_at)
				"""))
			.bind("did", profile.did())
			.bind("handle", profile.handle())
			.bind("at", profile.occurredAt().toString())
			.then();
	}

	/** Everything fetched before the deletion goes; the fence (did, deleted_at) stays. */
	private Mono<Void> deleteAccount(StatsSchema schema, AccountDeleted deleted) {
		String at = deleted.occurredAt().toString();
		return this.database.sql(schema.sql("""
				INSERT INTO {s}.account (did, deleted_at) VALUES (:did, CAST(:at AS timestamptz))
				ON CONFLICT (did) DO UPDATE SET
				    handle = CASE WHEN account.handle_seen_at > EXCLUDED.deleted_at THEN account.handle END,
				    handle_seen_at = CASE WHEN account.handle_seen_at > EXCLUDED.deleted_at THEN account.handle_seen_at
				        ELSE '-infinity' END,
				    deleted_at = GREATEST(account.deleted_at, EXCLUDED.deleted_at)
				"""))
			.bind("did", deleted.did())
			.bind("at", at)
			.then()
			.then(deleteOf(schema, "post_fact", "event_at <= CAST(:at AS timestamptz)", deleted.did(), at))
			.then(deleteOf(schema, "like_fact", "event_at <= CAST(:at AS timestamptz)", deleted.did(), at))
			.then(deleteOf(schema, "deleted_fact", "deleted_at <= CAST(:at AS timestamptz)", deleted.did(), at));
	}

	private Mono<Void> deleteOf(StatsSchema schema, String table, String condition, String did, String at) {
		return this.database.sql(schema.sql("DELETE FROM {s}." + table + " WHERE did = :did AND " + condition))
			.bind("did", did)
			.bind("at", at)
			.then();
	}

	/** Characters as people count them (code points); a repost's text is someone else's. */
	private static int characters(PostFetched post) {
		String text = post.content().text();
		return (post.kind() == PostKind.REPOST) ? 0 : text.codePointCount(0, text.length());
	}

	private static String facets(PostFetched post, Facet.Kind kind) {
		if (post.kind() == PostKind.REPOST) {
			return "";
		}
		return String.join(SEPARATOR, post.content().facets().stream()
			.filter((facet) -> facet.kind() == kind)
			.map((facet) -> facet.value().replace(SEPARATOR, "\uFFFD"))
			.distinct()
			.toList());
	}

	private static <E> List<E> only(Collection<? extends SkylogEvent> events, Class<E> type) {
		return events.stream().filter(type::isInstance).map(type::cast).toList();
	}

	/**
	 * The SQL of one column sent by {@link #rows(List, Function)}. Its first element is a placeholder, so that
	 * one empty value is not read as no value at all ({@code string_to_array('', …)} is empty).
	 */
	private static String column(String parameter, String type) {
		return "CAST((string_to_array(:" + parameter + ", :row, :nul))[2:] AS " + type + "[])";
	}

	private static DatabaseClient.GenericExecuteSpec withSeparators(DatabaseClient.GenericExecuteSpec statement) {
		return statement.bind("row", ROW).bind("nul", NULL);
	}

	/**
	 * One column of a batch as a single text: a placeholder, then every value after a {@link #ROW}, null as
	 * {@link #NULL}. Neither can occur in a value: each becomes U+FFFD.
	 */
	private static <E> String rows(List<E> rows, Function<E, String> column) {
		StringBuilder text = new StringBuilder(rows.size() * 48).append('-');
		for (E row : rows) {
			text.append(ROW);
			String value = column.apply(row);
			if (value == null) {
				text.append(NULL);
				continue;
			}
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				text.append((c == '\u001d' || c == '\u001e') ? '\uFFFD' : c);
			}
		}
		return text.toString();
	}

}
