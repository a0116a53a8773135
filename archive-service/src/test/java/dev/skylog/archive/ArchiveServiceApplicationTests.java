package dev.skylog.archive;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.skylog.testkit.kafka.TestKafka;
import dev.skylog.testkit.postgres.TestPostgres;
import dev.skylog.testkit.service.ServiceContractTests;

/** Boots the whole service against real dependencies and checks what operators rely on. */
// Every archive context consumes as the group "archive-service": closed after its class, or two would split partitions.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ArchiveServiceApplicationTests extends ServiceContractTests {

	@DynamicPropertySource
	static void realDependencies(DynamicPropertyRegistry registry) {
		TestKafka.registerProperties(registry);
		TestPostgres.freshDatabase("archive").registerProperties(registry);
	}

}
