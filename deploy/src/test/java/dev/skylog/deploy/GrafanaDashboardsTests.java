package dev.skylog.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.skylog.testkit.monitoring.DashboardQueries;
import dev.skylog.testkit.monitoring.DashboardQueries.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboards in {@code deploy/grafana}: Grafana's own dashboard schema, one uid each, unique panel
 * ids, Prometheus as every panel's data source, and every query parsed by Prometheus' promtool. (That each
 * query finds series on a running Skylog is {@code LocalStackTest}'s part.)
 */
class GrafanaDashboardsTests {

	static final Path DASHBOARDS = Path.of("grafana");

	static final List<String> EXPECTED = List.of("skylog-archive-service.json", "skylog-auth-service.json",
			"skylog-fetcher-service.json", "skylog-gateway.json", "skylog-overview.json", "skylog-stats-service.json",
			"skylog-sync-scheduler.json");

	@Test
	void anOverviewAndOneDashboardPerService() {
		assertThat(DashboardQueries.dashboards(DASHBOARDS)).extracting((file) -> file.getFileName().toString())
			.containsExactlyElementsOf(EXPECTED);
	}

	@Test
	void everyDashboardMatchesGrafanasSchema() throws IOException {
		Schema schema = dashboardSchema();
		List<String> problems = new ArrayList<>();
		for (Path file : DashboardQueries.dashboards(DASHBOARDS)) {
			for (Error error : schema.validate(Files.readString(file), InputFormat.JSON)) {
				problems.add(file.getFileName() + " " + error.getInstanceLocation() + ": " + error.getMessage());
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void uidsAreUniqueAndPanelIdsAreUniqueWithinEachDashboard() {
		Set<String> uids = new HashSet<>();
		for (Path file : DashboardQueries.dashboards(DASHBOARDS)) {
			JsonNode dashboard = read(file);
			String uid = dashboard.path("uid").asString();
			assertThat(uid).as(file + " uid").matches("[a-z0-9-]{1,40}");
			assertThat(uids.add(uid)).as("uid %s used twice", uid).isTrue();
			assertThat(file.getFileName().toString()).isEqualTo(uid + ".json");

			List<Integer> ids = new ArrayList<>();
			panels(dashboard).forEach((panel) -> ids.add(panel.path("id").asInt(-1)));
			assertThat(ids).as(file + " panel ids").doesNotContain(-1).doesNotHaveDuplicates();
		}
	}

	@Test
	void everyPanelQueriesPrometheusThroughTheDatasourceVariable() {
		for (Path file : DashboardQueries.dashboards(DASHBOARDS)) {
			JsonNode dashboard = read(file);
			JsonNode variable = dashboard.path("templating").path("list").get(0);
			assertThat(variable.path("type").asString()).as(file + " first variable").isEqualTo("datasource");
			assertThat(variable.path("query").asString()).as(file + " first variable").isEqualTo("prometheus");
			for (JsonNode panel : panels(dashboard)) {
				if (panel.path("type").asString().equals("row")) {
					continue;
				}
				String where = file.getFileName() + " / " + panel.path("title").asString();
				assertThat(panel.path("datasource").path("type").asString()).as(where).isEqualTo("prometheus");
				assertThat(panel.path("targets").isEmpty()).as(where + " has queries").isFalse();
				for (JsonNode target : panel.path("targets")) {
					assertThat(target.path("datasource").path("type").asString()).as(where).isEqualTo("prometheus");
					assertThat(target.path("expr").asString()).as(where).isNotBlank();
				}
			}
		}
	}

	/**
	 * promtool has no "parse this expression" command, but it parses every rule of a rules file: each query
	 * becomes a recording rule.
	 */
	@Test
	void everyQueryParses(@TempDir Path work) throws Exception {
		List<Query> queries = DashboardQueries.all(DASHBOARDS);
		StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
		for (int i = 0; i < queries.size(); i++) {
			rules.append("      - record: skylog:dashboard_query_").append(i).append('\n');
			rules.append("        expr: ").append(JsonMapper.shared().writeValueAsString(queries.get(i).resolved()))
				.append('\n');
		}
		Files.writeString(work.resolve("queries.yml"), rules);

		assertThat(queries).hasSizeGreaterThan(50);
		assertThat(Promtool.run(work, "check", "rules", "queries.yml"))
			.contains("SUCCESS: " + queries.size() + " rules found");
	}

	@Test
	void theOverviewShowsWhatAnOperatorAsksFirst() {
		List<String> overview = DashboardQueries.all(DASHBOARDS)
			.stream()
			.filter((query) -> query.dashboard().equals("skylog-overview.json"))
			.map(Query::expr)
			.toList();

		assertThat(String.join("\n", overview)).contains("skylog_sync_outcomes_total", "skylog_events_applied_total",
				"kafka_consumer_fetch_manager_records_lag_max", "skylog_fetcher_bluesky_requests_total",
				"skylog_fetcher_bluesky_ratelimit_waits_total", "resilience4j_circuitbreaker_state",
				"skylog_kafka_dead_letters_total");
	}

	private static List<JsonNode> panels(JsonNode dashboard) {
		List<JsonNode> all = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			all.add(panel);
			panel.path("panels").forEach(all::add);
		}
		return all;
	}

	private static JsonNode read(Path file) {
		return JsonMapper.shared().readTree(file.toFile());
	}

	private static Schema dashboardSchema() {
		try (InputStream in = GrafanaDashboardsTests.class.getResourceAsStream("/grafana/dashboard.schema.json")) {
			String schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schema, InputFormat.JSON);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
