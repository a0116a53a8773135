package dev.skylog.stats.facts;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;

import dev.skylog.events.SkylogEvent;
import dev.skylog.events.account.AccountDeleted;
import dev.skylog.events.account.AccountLinked;
import dev.skylog.events.account.AccountSettings;
import dev.skylog.events.account.AccountSettingsChanged;
import dev.skylog.events.like.LikeFetched;
import dev.skylog.events.post.PostContent;
import dev.skylog.events.post.PostDeleted;
import dev.skylog.events.post.PostFetched;
import dev.skylog.events.post.PostKind;
import dev.skylog.events.profile.ProfileFetched;
import dev.skylog.stats.facts.persistence.FactStore;
import dev.skylog.stats.facts.persistence.StatsSchema;
import dev.skylog.testkit.kafka.TestKafka;
import dev.skylog.testkit.postgres.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property a rebuild stands on: the same events give the same facts in any order, one per transaction or
 * all in one batch — topics are replayed in no particular interleaving.
 */
@SpringBootTest(properties = "spring.kafka.listener.auto-startup=false")
@DirtiesContext
class FactOrderTests {

	@DynamicPropertySource
	static void dependencies(DynamicPropertyRegistry registry) {
		TestKafka.registerProperties(registry);
		TestPostgres.freshDatabase("stats_order").registerProperties(registry);
	}

	@Autowired
	FactStore facts;

	@Autowired
	TransactionalOperator transaction;

	@Autowired
	DatabaseClient database;

	static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void aLiveAccountsFactsDoNotDependOnTheOrderOfItsEvents() {
		assertSameFactsInEveryOrder(FactOrderTests::liveAccount);
	}

	@Test
	void aDeletedAccountsFactsDoNotDependOnTheOrderOfItsEvents() {
		assertSameFactsInEveryOrder((did) -> {
			List<SkylogEvent> events = new ArrayList<>(liveAccount(did));
			events.add(new AccountDeleted(UUID.randomUUID(), AccountDeleted.SCHEMA_VERSION, T.plusSeconds(100), did,
					AccountDeleted.Reason.USER_REQUEST));
			return events;
		});
	}

	private void assertSameFactsInEveryOrder(Function<String, List<SkylogEvent>> history) {
		String reference = null;
		Random random = new Random(7);
		for (int run = 0; run < 8; run++) {
			String did = "did:plc:" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
			List<SkylogEvent> events = new ArrayList<>(history.apply(did));
			if (run == 1) {
				Collections.reverse(events);
			}
			else if (run > 1) {
				Collections.shuffle(events, random);
			}
			if (run % 2 == 0) {
				for (SkylogEvent event : events) {
					this.transaction.transactional(this.facts.apply(StatsSchema.LIVE, List.of(event))).block();
				}
			}
			else {
				this.transaction.transactional(this.facts.apply(StatsSchema.LIVE, events)).block();
			}
			String facts = snapshot(did);
			if (reference == null) {
				reference = facts;
			}
			assertThat(facts).as("run %d: %s", run, events.stream().map((e) -> e.getClass().getSimpleName()).toList())
				.isEqualTo(reference);
		}
	}

	private String snapshot(String did) {
		return this.database.sql("""
				SELECT string_agg(t, '|' ORDER BY t) FROM (
				    SELECT row(kind, posted_at, chars, has_media, hashtags, mentions, event_at, replace(uri, did, 'D'))::text AS t
				    FROM stats.post_fact WHERE did = :did
				    UNION ALL SELECT row(liked_at, event_at, replace(uri, did, 'D'))::text FROM stats.like_fact WHERE did = :did
				    UNION ALL SELECT row(deleted_at, replace(uri, did, 'D'))::text FROM stats.deleted_fact WHERE did = :did
				    UNION ALL SELECT row(replace(handle, did, 'D'), handle_seen_at, time_zone, visibility, settings_at, deleted_at)::text
				    FROM stats.account WHERE did = :did) s
				""").bind("did", did).map((row) -> String.valueOf(row.get(0, String.class))).one().block();
	}

	private static List<SkylogEvent> liveAccount(String did) {
		String handle = did + ".test";
		return List.of(
				new AccountLinked(UUID.randomUUID(), AccountLinked.SCHEMA_VERSION, T, did, handle,
						URI.create("http://127.0.0.1:2583"), true, new AccountSettings(ZoneId.of("UTC"),
								AccountSettings.ArchiveVisibility.PUBLIC, true)),
				new ProfileFetched(UUID.randomUUID(), ProfileFetched.SCHEMA_VERSION, T.plusSeconds(10), did,
						"new-" + handle, null, null, null, null, 0, 0, 0, List.of(), null),
				post(did, "3a", T.plusSeconds(20)),
				post(did, "3b", T.plusSeconds(20)),
				new PostDeleted(UUID.randomUUID(), PostDeleted.SCHEMA_VERSION, T.plusSeconds(30), did,
						"at://" + did + "/app.bsky.feed.post/3a"),
				new LikeFetched(UUID.randomUUID(), LikeFetched.SCHEMA_VERSION, T.plusSeconds(20), did,
						"at://" + did + "/app.bsky.feed.like/3l", "at://did:plc:x/app.bsky.feed.post/1", T, null),
				new AccountSettingsChanged(UUID.randomUUID(), AccountSettingsChanged.SCHEMA_VERSION, T.plusSeconds(40),
						did, new AccountSettings(ZoneId.of("Asia/Tokyo"), AccountSettings.ArchiveVisibility.PRIVATE,
								false)));
	}

	private static PostFetched post(String did, String rkey, Instant at) {
		String uri = "at://" + did + "/app.bsky.feed.post/" + rkey;
		return new PostFetched(UUID.randomUUID(), PostFetched.SCHEMA_VERSION, at, did, uri, "bafy", PostKind.POST, T, T,
				new PostContent(uri, "bafy", did, did + ".test", "テスト", List.of(), List.of(), List.of(), null, null,
						null, T, null));
	}

}
