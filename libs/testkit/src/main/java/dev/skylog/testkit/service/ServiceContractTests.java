package dev.skylog.testkit.service;

import java.util.Arrays;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.ClassUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every Skylog service promises its operators, as tests a service's
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} context test inherits: Kubernetes probes that answer,
 * Prometheus meters that say which application they come from, nothing else of the actuator exposed, and
 * its Flyway schema applied on start where it has a database.
 */
@TestPropertySource(properties = "management.server.port=0")
public abstract class ServiceContractTests {

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private Environment environment;

	@Autowired
	private ApplicationContext context;

	protected int port() {
		return this.port;
	}

	protected WebTestClient http() {
		return dev.skylog.testkit.web.TestHttp.to("http://localhost:" + this.port);
	}

	protected WebTestClient management() {
		return dev.skylog.testkit.web.TestHttp.to("http://localhost:" + this.managementPort);
	}

	@Test
	void livenessProbeIsUp() {
		management().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.status").isEqualTo("UP");
	}

	@Test
	void readinessProbeIsUp() {
		management().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.status").isEqualTo("UP");
	}

	@Test
	void everyMeterCarriesTheApplicationTag() {
		String application = this.environment.getRequiredProperty("spring.application.name");
		String body = management().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		List<String> samples = Arrays.stream(body.split("\n"))
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.toList();
		assertFalse(samples.isEmpty(), "no meters exported");
		String tag = "application=\"" + application + "\"";
		List<String> untagged = samples.stream().filter((line) -> !line.contains(tag)).toList();
		assertTrue(untagged.isEmpty(),
				() -> "meters without " + tag + ": " + untagged.subList(0, Math.min(5, untagged.size())));
		assertTrue(samples.stream().anyMatch((line) -> line.startsWith("jvm_memory_used_bytes")), "JVM meters missing");
	}

	@Test
	void internalsOfTheActuatorAreNotExposed() {
		for (String endpoint : List.of("env", "heapdump", "beans", "configprops", "threaddump")) {
			int status = management().get().uri("/actuator/" + endpoint).exchange().returnResult(String.class)
				.getStatus().value();
			// 401 where Spring Security guards the service: either way the endpoint is not there to be read.
			assertTrue(status == 404 || status == 401, "/actuator/" + endpoint + " answered " + status);
		}
		for (String path : List.of("/actuator/health", "/actuator/prometheus")) {
			int status = http().get().uri(path).exchange().returnResult(String.class).getStatus().value();
			assertTrue(status == 404 || status == 401, path + " answered " + status + " on the API port");
		}
	}

	@Test
	void theDatabaseSchemaIsMigratedOnStart() {
		if (!ClassUtils.isPresent("org.flywaydb.core.Flyway", getClass().getClassLoader())) {
			assertNull(this.environment.getProperty("spring.r2dbc.url"),
					"a service with a database must manage its schema with Flyway");
			return;
		}
		FlywaySchema.assertMigrated(this.context);
	}

	// Loaded only where Flyway is on the class path: the gateway and the fetcher have no database.
	private static final class FlywaySchema {

		static void assertMigrated(ApplicationContext context) {
			Flyway flyway = context.getBean(Flyway.class);
			assertNotNull(flyway.info().current(), "no migration applied");
			assertEquals(0, flyway.info().pending().length, "migrations left pending");
		}

	}

}
