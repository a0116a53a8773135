package dev.skylog.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

import dev.skylog.events.TopicSpec;
import dev.skylog.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chart, checked without a cluster: linted, rendered with the default, a production-like and the evaluation
 * values through the Helm that helm-java bundles, and every rendered document validated against the Kubernetes
 * 1.31 (standalone-strict: unknown fields fail) and prometheus-operator schemas.
 */
class HelmChartTests {

	static final Path CHART = Path.of("helm", "skylog");

	// The default values leave the secrets to an existing Secret or to values; a render needs one of them.
	static final Map<String, String> DEFAULT_SECRETS = Map.of("secrets.postgresPassword", "p", "secrets.tokenKey",
			"a2V5", "secrets.serviceToken", "s", "secrets.signingJwk", "{}");

	private static final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

	private static final Map<String, Schema> schemas = new ConcurrentHashMap<>();

	static Stream<Arguments> installations() {
		return Stream.of(Arguments.of("default", null, DEFAULT_SECRETS),
				Arguments.of("production", CHART.resolve("values/production.yaml"), Map.of()),
				Arguments.of("evaluation", CHART.resolve("values/evaluation.yaml"), Map.of()));
	}

	@Test
	void theChartLintsClean() {
		LintResult lint = new Helm(CHART).lint().strict().call();

		assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("installations")
	void everyRenderedDocumentIsValidKubernetes(String name, Path values, Map<String, String> set) {
		List<Map<String, Object>> documents = render(values, set);

		assertThat(documents).isNotEmpty();
		List<String> problems = new ArrayList<>();
		for (Map<String, Object> document : documents) {
			String json = JsonMapper.shared().writeValueAsString(document);
			for (Error error : schemaFor(document).validate(json, com.networknt.schema.InputFormat.JSON)) {
				problems.add(document.get("kind") + " " + ((Map<?, ?>) document.get("metadata")).get("name") + ": "
						+ error.getMessage());
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void onlyTheGatewayIsExposedAndEveryServiceRunsAsNonRootWithProbes() {
		List<Map<String, Object>> documents = render(CHART.resolve("values/production.yaml"), Map.of());

		assertThat(ofKind(documents, "Ingress")).hasSize(1)
			.allSatisfy((ingress) -> assertThat(JsonMapper.shared().writeValueAsString(ingress))
				.contains("\"name\":\"release-skylog-gateway\""));
		assertThat(ofKind(documents, "Deployment")).hasSize(6).allSatisfy((deployment) -> {
			String json = JsonMapper.shared().writeValueAsString(deployment);
			assertThat(json).contains("\"runAsNonRoot\":true", "\"readOnlyRootFilesystem\":true",
					"/actuator/health/readiness", "/actuator/health/liveness", "\"preStop\"");
		});
		assertThat(ofKind(documents, "NetworkPolicy")).hasSize(6);
		assertThat(ofKind(documents, "PodDisruptionBudget")).hasSize(6);
		assertThat(ofKind(documents, "ServiceMonitor")).hasSize(6);
		assertThat(ofKind(documents, "PrometheusRule")).singleElement()
			.satisfies((rule) -> assertThat(JsonMapper.shared().writeValueAsString(rule)).contains("SkylogServiceDown",
					"SkylogConsumerLagGrowing", "SkylogSyncFailureRatioHigh", "SkylogCircuitOpen",
					"SkylogDeadLetterRecords", "SkylogAccountsNeedReLogin"));
		assertThat(ofKind(documents, "Secret")).as("production secrets come from an existing Secret").isEmpty();
		assertThat(ofKind(documents, "CronJob")).singleElement()
			.satisfies((job) -> assertThat(JsonMapper.shared().writeValueAsString(job))
				.contains("--skylog.stats.rebuild.command-line=true", "\"suspend\":true"));
	}

	@Test
	void theDashboardsShipAsConfigMapsTheGrafanaSidecarLoads() throws IOException {
		List<Map<String, Object>> documents = render(CHART.resolve("values/production.yaml"), Map.of());

		List<Map<String, Object>> dashboards = ofKind(documents, "ConfigMap").stream()
			.filter((map) -> "1".equals(labels(map).get("grafana_dashboard")))
			.toList();
		List<Path> files = dashboardFiles();
		assertThat(dashboards).hasSize(files.size()).hasSizeGreaterThanOrEqualTo(7);
		for (Path file : files) {
			assertThat(dashboards).as(file.toString())
				.anySatisfy((map) -> assertThat(((Map<?, ?>) map.get("data")).get(file.getFileName().toString()))
					.isEqualTo(java.nio.file.Files.readString(file).stripTrailing()));
		}
		assertThat(ofKind(render(null, DEFAULT_SECRETS), "ConfigMap"))
			.as("off by default: not every cluster runs the Grafana sidecar")
			.noneMatch((map) -> labels(map).containsKey("grafana_dashboard"));
	}

	@Test
	void eachServiceReadsItsSettingsFromItsConfigMapAndItsCredentialsFromTheSecret() {
		List<Map<String, Object>> documents = render(CHART.resolve("values/production.yaml"), Map.of());

		Map<String, Object> archive = byName(documents, "ConfigMap", "release-skylog-archive-service");
		assertThat(JsonMapper.shared().writeValueAsString(archive.get("data"))).contains(
				"\"SPRING_R2DBC_URL\":\"r2dbc:postgresql://pg-archive.db.svc:5432/skylog_archive\"",
				"\"SKYLOG_KAFKA_CREATETOPICS\":\"false\"")
			.doesNotContain("PASSWORD");
		String deployment = JsonMapper.shared()
			.writeValueAsString(byName(documents, "Deployment", "release-skylog-archive-service"));
		assertThat(deployment).contains("\"configMapRef\":{\"name\":\"release-skylog-archive-service\"}",
				"checksum/config", "\"key\":\"postgres-archive-password\"", "\"key\":\"postgres-archive-username\"");
		assertThat(JsonMapper.shared().writeValueAsString(
				byName(documents, "ConfigMap", "release-skylog-stats-service").get("data")))
			.contains("r2dbc:postgresql://postgres.db.svc:5432/skylog_stats");
	}

	@Test
	void onlyTheFetcherReachesTheInternalTokenApiPort() {
		List<Map<String, Object>> documents = render(CHART.resolve("values/production.yaml"), Map.of());

		String fetcherConfig = JsonMapper.shared()
			.writeValueAsString(byName(documents, "ConfigMap", "release-skylog-fetcher-service"));
		assertThat(fetcherConfig).contains("\"SKYLOG_FETCHER_AUTHSERVICE_URL\":\"http://release-skylog-auth-service:8091\"");
		String authConfig = JsonMapper.shared()
			.writeValueAsString(byName(documents, "ConfigMap", "release-skylog-auth-service"));
		assertThat(authConfig).contains("\"SKYLOG_AUTH_INTERNAL_PORT\":\"8091\"");

		@SuppressWarnings("unchecked")
		List<Map<String, Object>> rules = (List<Map<String, Object>>) ((Map<?, ?>) byName(documents, "NetworkPolicy",
				"release-skylog-auth-service").get("spec")).get("ingress");
		List<Map<String, Object>> internal = rules.stream()
			.filter((rule) -> JsonMapper.shared().writeValueAsString(rule.get("ports")).contains("8091"))
			.toList();
		assertThat(internal).singleElement()
			.satisfies((rule) -> assertThat(rule.get("from")).isEqualTo(List.of(Map.of("podSelector", Map.of("matchLabels",
					Map.of("app.kubernetes.io/instance", "release", "app.kubernetes.io/name", "fetcher-service"))))));
		assertThat(rules).as("no rule opens every port")
			.allSatisfy((rule) -> assertThat(rule.get("ports")).isNotNull());
	}

	@Test
	void aJobCreatesEveryTopicOfTheRegistryWithItsRetentionAndDeadLetterTopic() {
		List<Map<String, Object>> production = render(CHART.resolve("values/production.yaml"), Map.of());
		String job = JsonMapper.shared().writeValueAsString(byName(production, "Job", "release-skylog-topics-1"));

		for (TopicSpec<?> spec : Topics.ALL) {
			String retention = spec.configs().get("retention.ms");
			assertThat(job).contains("topic " + spec.name() + " " + spec.partitions() + " " + retention + "\\n")
				.contains("topic " + spec.deadLetterTopic() + " " + spec.partitions() + " 2419200000\\n");
		}
		assertThat(java.util.regex.Pattern.compile("topic skylog[.]").matcher(job).results().count())
			.as("nothing but the registry's topics and their dead-letter topics")
			.isEqualTo(2L * Topics.ALL.size());
		assertThat(job).contains("--replication-factor 3", "kafka-0.kafka:9092");

		String evaluation = JsonMapper.shared().writeValueAsString(
				byName(render(CHART.resolve("values/evaluation.yaml"), Map.of()), "Job", "release-skylog-topics-1"));
		assertThat(evaluation).contains("--replication-factor 1", "release-skylog-kafka:9092");
		assertThat(ofKind(render(null, Map.of("kafka.topics.create", "false", "secrets.postgresPassword", "p",
				"secrets.tokenKey", "k", "secrets.serviceToken", "s", "secrets.signingJwk", "{}")), "Job"))
			.isEmpty();
	}

	@Test
	void theEvaluationModeRunsKafkaAndPostgresqlInsideTheRelease() {
		List<Map<String, Object>> documents = render(CHART.resolve("values/evaluation.yaml"), Map.of());

		assertThat(ofKind(documents, "StatefulSet")).hasSize(2);
		assertThat(JsonMapper.shared().writeValueAsString(documents)).contains("release-skylog-kafka:9092",
				"r2dbc:postgresql://release-skylog-postgresql:5432/skylog_archive");
	}

	@Test
	void aTypoInTheValuesFailsTheRender() {
		assertThatThrownBy(() -> render(null, Map.of("servcies.gateway.replicas", "3", "secrets.postgresPassword", "p",
				"secrets.tokenKey", "k", "secrets.serviceToken", "s", "secrets.signingJwk", "{}")))
			.hasMessageContaining("servcies");
		assertThatThrownBy(() -> render(null, Map.of("services.gateway.replica", "3", "secrets.postgresPassword", "p",
				"secrets.tokenKey", "k", "secrets.serviceToken", "s", "secrets.signingJwk", "{}")))
			.hasMessageContaining("replica");
	}

	@Test
	void aDatabaseCanHaveAUserOfItsOwn() {
		Map<String, String> set = new java.util.HashMap<>(DEFAULT_SECRETS);
		set.put("secrets.databaseCredentials.archive.username", "archivist");
		set.put("secrets.databaseCredentials.archive.password", "archive-secret");

		Map<?, ?> secret = (Map<?, ?>) ofKind(render(null, set), "Secret").get(0).get("stringData");

		assertThat(secret.get("postgres-archive-username")).isEqualTo("archivist");
		assertThat(secret.get("postgres-archive-password")).isEqualTo("archive-secret");
		assertThat(secret.get("postgres-stats-username")).isEqualTo("skylog");
		assertThat(secret.get("postgres-stats-password")).isEqualTo("p");
	}

	@Test
	void missingSecretsFailTheRenderInsteadOfShippingEmptyOnes() {
		assertThatThrownBy(() -> render(null, Map.of())).hasMessageContaining("secrets.postgresPassword");
	}

	private static List<Map<String, Object>> render(Path values, Map<String, String> set) {
		var template = new Helm(CHART).template().withName("release");
		if (values != null) {
			template = template.withValuesFile(values);
		}
		for (Map.Entry<String, String> entry : set.entrySet()) {
			template = template.set(entry.getKey(), entry.getValue());
		}
		String rendered = template.call();
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml(new LoaderOptions()).loadAll(rendered)) {
			if (document instanceof Map<?, ?> map) {
				@SuppressWarnings("unchecked")
				Map<String, Object> typed = (Map<String, Object>) map;
				documents.add(typed);
			}
		}
		return documents;
	}

	private static Map<String, Object> byName(List<Map<String, Object>> documents, String kind, String name) {
		return ofKind(documents, kind).stream()
			.filter((document) -> name.equals(((Map<?, ?>) document.get("metadata")).get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind + " " + name));
	}

	private static Map<?, ?> labels(Map<String, Object> document) {
		Object labels = ((Map<?, ?>) document.get("metadata")).get("labels");
		return (labels instanceof Map<?, ?> map) ? map : Map.of();
	}

	private static List<Path> dashboardFiles() {
		return dev.skylog.testkit.monitoring.DashboardQueries.dashboards(Path.of("grafana"));
	}

	private static List<Map<String, Object>> ofKind(List<Map<String, Object>> documents, String kind) {
		return documents.stream().filter((document) -> kind.equals(document.get("kind"))).toList();
	}

	private static Schema schemaFor(Map<String, Object> document) {
		String kind = ((String) document.get("kind")).toLowerCase();
		String apiVersion = (String) document.get("apiVersion");
		String file = switch (apiVersion) {
			case "monitoring.coreos.com/v1" -> "monitoring.coreos.com/" + kind + "_v1.json";
			case "v1" -> "v1.31.6-standalone-strict/" + kind + "-v1.json";
			default -> "v1.31.6-standalone-strict/" + kind + "-" + apiVersion.replace('/', '-')
				.replace(".k8s.io", "") + ".json";
		};
		return schemas.computeIfAbsent(file, HelmChartTests::load);
	}

	// The yannh schemas name "http://json-schema.org/schema#" as their dialect, which the validator does not know:
	// they are draft-04.
	private static Schema load(String file) {
		try (InputStream in = HelmChartTests.class.getResourceAsStream("/k8s-schemas/" + file)) {
			assertThat(in).as("a schema for " + file).isNotNull();
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
				.replace("\"http://json-schema.org/schema#\"", "\"http://json-schema.org/draft-04/schema#\"");
			return registry.getSchema(text, com.networknt.schema.InputFormat.JSON);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
