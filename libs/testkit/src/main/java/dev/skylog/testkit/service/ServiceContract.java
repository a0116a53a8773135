package dev.skylog.testkit.service;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every Skylog service promises its operators, as tests a service's {@code @SpringBootTest} inherits:
 * Kubernetes probes that answer, and Prometheus meters that say which application they come from.
 */
public interface ServiceContract {

	/** The port the service under test listens on ({@code @LocalServerPort}). */
	int port();

	/** {@code spring.application.name}, expected as the {@code application} tag of every meter. */
	String applicationName();

	default WebTestClient http() {
		return WebTestClient.bindToServer().baseUrl("http://localhost:" + port()).build();
	}

	@Test
	default void livenessProbeIsUp() {
		http().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.status").isEqualTo("UP");
	}

	@Test
	default void readinessProbeIsUp() {
		http().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.status").isEqualTo("UP");
	}

	@Test
	default void everyMeterCarriesTheApplicationTag() {
		String body = http().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		List<String> samples = Arrays.stream(body.split("\n"))
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.toList();
		assertFalse(samples.isEmpty(), "no meters exported");
		String tag = "application=\"" + applicationName() + "\"";
		List<String> untagged = samples.stream().filter((line) -> !line.contains(tag)).toList();
		assertTrue(untagged.isEmpty(), () -> "meters without " + tag + ": " + untagged.subList(0, Math.min(5, untagged.size())));
		assertTrue(samples.stream().anyMatch((line) -> line.startsWith("jvm_memory_used_bytes")), "JVM meters missing");
	}

	@Test
	default void internalsAreNotExposed() {
		http().get().uri("/actuator/env").exchange().expectStatus().isNotFound();
		http().get().uri("/actuator/heapdump").exchange().expectStatus().isNotFound();
		assertEquals(404, http().get().uri("/actuator/beans").exchange().returnResult(String.class).getStatus().value());
	}

}
