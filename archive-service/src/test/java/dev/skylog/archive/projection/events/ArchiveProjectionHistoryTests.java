package dev.skylog.archive.projection.events;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;

import dev.skylog.events.history.GeneratedHistory;
import dev.skylog.events.history.HistoryModel;
import dev.skylog.events.history.HistoryRuns;
import dev.skylog.testkit.kafka.TestKafka;
import dev.skylog.testkit.postgres.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated histories (fetches, late re-fetches, deletions, redeliveries, account deletions and new logins) in
 * random batches and interleavings, through the archive's projection on PostgreSQL: the rows each leaves are the
 * ones {@link HistoryModel} works out from the rules alone. Stats runs the same histories against the same model.
 */
@SpringBootTest(properties = "spring.kafka.listener.auto-startup=false")
@DirtiesContext
class ArchiveProjectionHistoryTests {

	@DynamicPropertySource
	static void dependencies(DynamicPropertyRegistry registry) {
		TestKafka.registerProperties(registry);
		TestPostgres.freshDatabase("archive_history").registerProperties(registry);
	}

	@Autowired
	ArchiveProjection projection;

	@Autowired
	TransactionalOperator transaction;

	@Autowired
	DatabaseClient database;

	@Test
	void everyHistoryEndsInTheModelsRows() {
		HistoryRuns.run((history) -> {
			history.deliveries().forEach((batch) -> this.transaction.transactional(this.projection.apply(batch)).block());
			assertThat(rows("post", history)).as("posts").isEqualTo(HistoryModel.of(history).posts());
			assertThat(rows("liked_post", history)).as("likes").isEqualTo(HistoryModel.of(history).likes());
		});
	}

	private Map<String, Instant> rows(String table, GeneratedHistory history) {
		return new TreeMap<>(this.database.sql("SELECT uri, event_at FROM " + table + " WHERE did = ANY(CAST(:dids AS text[]))")
			.bind("dids", history.dids().toArray(String[]::new))
			.map((row) -> Map.entry(row.get("uri", String.class), row.get("event_at", OffsetDateTime.class).toInstant()))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.block());
	}

}
