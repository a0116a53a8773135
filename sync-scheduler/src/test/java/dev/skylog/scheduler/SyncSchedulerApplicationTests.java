package dev.skylog.scheduler;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.skylog.testkit.kafka.TestKafka;
import dev.skylog.testkit.postgres.TestPostgres;
import dev.skylog.testkit.service.ServiceContractTests;

import static org.assertj.core.api.Assertions.assertThat;

/** Boots the whole service against real dependencies and checks what operators rely on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Every scheduler context consumes as the group "sync-scheduler"; closed after its class, so the next test
// class's context does not share the partitions with it. The session JWKS is only fetched on the first token.
@DirtiesContext
class SyncSchedulerApplicationTests extends ServiceContractTests {

	@DynamicPropertySource
	static void realDependencies(DynamicPropertyRegistry registry) {
		TestKafka.registerProperties(registry);
		TestPostgres.freshDatabase("sync").registerProperties(registry);
	}

	@Test
	void theSchedulersMetersAreExportedFromTheStart() {
		String body = management().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();

		assertThat(body).contains("skylog_sync_requests_total{", "trigger=\"LOGIN\"", "trigger=\"SCHEDULE\"",
				"trigger=\"MANUAL\"")
			.contains("skylog_sync_outcomes_total{", "outcome=\"completed\"", "reason=\"UPSTREAM_UNAVAILABLE\"")
			.contains("skylog_sync_reports_stale_total{", "skylog_sync_leases_expired_total{")
			.contains("skylog_sync_accounts{", "state=\"due\"", "state=\"in_flight\"", "state=\"reauth_required\"");
	}

	@Test
	void theApiIsDescribedByOpenApiForTheGatewaysPage() {
		http().get().uri("/v3/api-docs").exchange()
			.expectStatus().isOk()
			.expectBody(String.class)
			.value((docs) -> assertThat(docs).contains("/api/sync/{did}"));
	}

}
