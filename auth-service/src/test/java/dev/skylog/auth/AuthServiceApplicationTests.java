package dev.skylog.auth;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.skylog.testkit.kafka.TestKafka;
import dev.skylog.testkit.postgres.TestPostgres;
import dev.skylog.testkit.service.ServiceContractTests;

import static org.assertj.core.api.Assertions.assertThat;

/** Boots the whole service against real dependencies and checks what operators rely on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthServiceApplicationTests extends ServiceContractTests {

	@DynamicPropertySource
	static void realDependencies(DynamicPropertyRegistry registry) {
		TestKafka.registerProperties(registry);
		TestPostgres.freshDatabase("auth").registerProperties(registry);
	}

	@Test
	void theApiIsDescribedByOpenApiForTheGatewaysPage() {
		http().get().uri("/v3/api-docs").exchange()
			.expectStatus().isOk()
			.expectBody(String.class)
			.value((docs) -> assertThat(docs).contains("/api/auth/login", "/api/auth/logout"));
	}

}
