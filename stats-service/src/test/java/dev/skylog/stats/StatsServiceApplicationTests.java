package dev.skylog.stats;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.skylog.testkit.kafka.TestKafka;
import dev.skylog.testkit.postgres.TestPostgres;
import dev.skylog.testkit.service.ServiceContract;

import static org.assertj.core.api.Assertions.assertThat;

/** Boots the whole service against real dependencies and checks what operators rely on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StatsServiceApplicationTests implements ServiceContract {

	@DynamicPropertySource
	static void realDependencies(DynamicPropertyRegistry registry) {
		TestKafka.registerProperties(registry);
		TestPostgres.freshDatabase("stats").registerProperties(registry);
	}

	@LocalServerPort
	int port;

	@Override
	public int port() {
		return this.port;
	}

	@Override
	public String applicationName() {
		return "stats-service";
	}

	@Autowired
	DatabaseClient database;

	@Test
	void flywayCreatedTheSchemaOnStart() {
		Long rows = this.database.sql("SELECT count(*) FROM post_fact").map((row) -> row.get(0, Long.class)).one().block();

		assertThat(rows).isZero();
	}

}
