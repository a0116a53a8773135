package dev.skylog.testkit.postgres;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class FlywayThenR2dbcTest {

	@Test
	void aFlywayMigrationIsVisibleThroughR2dbc(TestDatabase database) {
		var result = Flyway.configure()
			.dataSource(database.jdbcUrl(), database.username(), database.password())
			.locations("classpath:db/testkit")
			.load()
			.migrate();
		assertThat(result.migrationsExecuted).isEqualTo(1);

		ConnectionFactory factory = ConnectionFactories.get(ConnectionFactoryOptions.parse(database.r2dbcUrl())
			.mutate()
			.option(ConnectionFactoryOptions.USER, database.username())
			.option(ConnectionFactoryOptions.PASSWORD, (database.password() != null) ? database.password() : "")
			.build());
		Flux<String> bodies = Flux.usingWhen(factory.create(),
				(connection) -> Flux.from(connection.createStatement("SELECT body FROM note ORDER BY id").execute())
					.flatMap((rows) -> rows.map((row, meta) -> row.get("body", String.class))),
				(connection) -> Mono.from(connection.close()));

		StepVerifier.create(bodies).expectNext("migrated by Flyway", "日本語のメモ").verifyComplete();
	}

	@Test
	void eachTestClassGetsItsOwnEmptyDatabase(TestDatabase database) throws Exception {
		assertThat(database.name()).startsWith("test_flywaythenr2dbctest_");
		try (var connection = database.connect(); var statement = connection.createStatement();
				var rows = statement.executeQuery("SELECT current_database()")) {
			rows.next();
			assertThat(rows.getString(1)).isEqualTo(database.name());
		}
	}

}
