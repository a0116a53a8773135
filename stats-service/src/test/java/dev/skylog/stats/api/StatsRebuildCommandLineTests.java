package dev.skylog.stats.api;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

import dev.skylog.events.EventMetadata;
import dev.skylog.events.SkylogEvent;
import dev.skylog.events.Topics;
import dev.skylog.events.account.AccountLinked;
import dev.skylog.events.account.AccountSettings;
import dev.skylog.events.kafka.EventSerde;
import dev.skylog.events.post.PostContent;
import dev.skylog.events.post.PostFetched;
import dev.skylog.events.post.PostKind;
import dev.skylog.stats.StatsServiceApplication;
import dev.skylog.testkit.kafka.TestKafka;
import dev.skylog.testkit.postgres.TestDatabase;
import dev.skylog.testkit.postgres.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes Job mode: a stats-service started with {@code skylog.stats.rebuild.command-line=true}, no web
 * server and no listeners, fills an empty database from the topics and reports success as its exit code.
 */
class StatsRebuildCommandLineTests {

	@Test
	void aCommandLineRebuildFillsAnEmptyDatabaseFromTheTopicsAndExitsZero() throws Exception {
		String did = "did:plc:" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
		Instant at = Instant.parse("2025-05-05T05:05:05Z");
		List<SkylogEvent> events = List.of(
				AccountLinked.of(EventMetadata.now(), did, "cli.test", URI.create("http://127.0.0.1:2583"), true,
						AccountSettings.defaults()),
				post(did, "3c1", at), post(did, "3c2", at.plusSeconds(60)), post(did, "3c3", at.plusSeconds(120)));
		try (var producer = new KafkaProducer<String, SkylogEvent>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.broker().bootstrapServers()),
				new StringSerializer(), EventSerde.serializer())) {
			for (SkylogEvent event : events) {
				producer.send(new ProducerRecord<>(Topics.of(event).name(),
						event.did(), event)).get();
			}
		}
		TestDatabase database = TestPostgres.createDatabase("stats_cli");
		// As the Job passes them: command-line arguments, which win over application.yml.
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(StatsServiceApplication.class).run(
				"--skylog.stats.rebuild.command-line=true", "--spring.main.web-application-type=none",
				"--spring.kafka.listener.auto-startup=false",
				"--spring.kafka.bootstrap-servers=" + TestKafka.broker().bootstrapServers(),
				"--spring.r2dbc.url=" + database.r2dbcUrl(), "--spring.r2dbc.username=" + database.username(),
				"--spring.flyway.url=" + database.jdbcUrl(), "--spring.flyway.user=" + database.username())) {

			DatabaseClient client = context.getBean(DatabaseClient.class);
			assertThat(client.sql("SELECT count(*) FROM stats.post_fact WHERE did = :did").bind("did", did)
				.map((row) -> row.get(0, Long.class)).one().block()).isEqualTo(3);
			assertThat(client.sql("SELECT handle FROM stats.account WHERE did = :did").bind("did", did)
				.map((row) -> row.get(0, String.class)).one().block()).isEqualTo("cli.test");
			assertThat(SpringApplication.exit(context)).isZero();
		}
		finally {
			TestPostgres.drop(database);
		}
	}

	private static PostFetched post(String did, String rkey, Instant at) {
		String uri = "at://" + did + "/app.bsky.feed.post/" + rkey;
		return PostFetched.of(EventMetadata.now(), did, uri, "bafy" + rkey, PostKind.POST, at, at,
				new PostContent(uri, "bafy" + rkey, did, "cli.test", "テスト " + rkey, List.of(), List.of("ja"), List.of(),
						null, null, null, at, null));
	}

}
