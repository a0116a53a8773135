package dev.skylog.stats;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.skylog.testkit.kafka.TestKafka;
import dev.skylog.testkit.postgres.TestPostgres;
import dev.skylog.testkit.service.ServiceContractTests;

/** Boots the whole service against real dependencies and checks what operators rely on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Every stats context consumes as the group "stats-service": closed after its class, or two would split partitions.
@DirtiesContext
class StatsServiceApplicationTests extends ServiceContractTests {

	@DynamicPropertySource
	static void realDependencies(DynamicPropertyRegistry registry) {
		TestKafka.registerProperties(registry);
		TestPostgres.freshDatabase("stats").registerProperties(registry);
	}

}
