package dev.skylog.stats.facts;

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
import dev.skylog.stats.facts.persistence.FactStore;
import dev.skylog.stats.facts.persistence.StatsSchema;
import dev.skylog.testkit.kafka.TestKafka;
import dev.skylog.testkit.postgres.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The histories archive's projection runs ({@code ArchiveProjectionHistoryTests}), through stats' facts on
 * PostgreSQL: the facts each leaves are the records {@link HistoryModel} says exist, so archive and stats agree on
 * which posts and likes there are.
 */
@SpringBootTest(properties = "spring.kafka.listener.auto-startup=false")
@DirtiesContext
class FactHistoryTests {

	@DynamicPropertySource
	static void dependencies(DynamicPropertyRegistry registry) {
		TestKafka.registerProperties(registry);
		TestPostgres.freshDatabase("stats_history").registerProperties(registry);
	}

	@Autowired
	FactStore facts;

	@Autowired
	TransactionalOperator transaction;

	@Autowired
	DatabaseClient database;

	@Test
	void everyHistoryEndsInTheModelsFacts() {
		HistoryRuns.run((history) -> {
			history.deliveries()
				.forEach((batch) -> this.transaction.transactional(this.facts.apply(StatsSchema.LIVE, batch)).block());
			assertThat(rows("post_fact", history)).as("posts").isEqualTo(HistoryModel.of(history).posts());
			assertThat(rows("like_fact", history)).as("likes").isEqualTo(HistoryModel.of(history).likes());
		});
	}

	private Map<String, Instant> rows(String table, GeneratedHistory history) {
		return new TreeMap<>(this.database
			.sql("SELECT uri, event_at FROM stats." + table + " WHERE did = ANY(CAST(:dids AS text[]))")
			.bind("dids", history.dids().toArray(String[]::new))
			.map((row) -> Map.entry(row.get("uri", String.class), row.get("event_at", OffsetDateTime.class).toInstant()))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.block());
	}

}
