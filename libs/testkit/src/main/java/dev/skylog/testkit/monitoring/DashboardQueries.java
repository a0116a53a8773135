package dev.skylog.testkit.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every PromQL query of the Grafana dashboards in {@code deploy/grafana}, so tests can check that each parses
 * and that each finds series on a running Skylog.
 */
public final class DashboardQueries {

	private static final JsonMapper json = JsonMapper.builder().build();

	private DashboardQueries() {
	}

	/** The dashboards folder of the checkout, from a module directory (where Maven runs a module's tests). */
	public static Path dashboardsDirectory() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			Path candidate = dir.resolve("deploy").resolve("grafana");
			if (Files.isDirectory(candidate)) {
				return candidate;
			}
		}
		throw new IllegalStateException("deploy/grafana not found above " + Path.of("").toAbsolutePath());
	}

	public static List<Path> dashboards(Path directory) {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".json")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static List<Query> all(Path directory) {
		List<Query> queries = new ArrayList<>();
		for (Path file : dashboards(directory)) {
			JsonNode dashboard = json.readTree(file.toFile());
			collect(file.getFileName().toString(), dashboard.path("panels"), queries);
		}
		return queries;
	}

	private static void collect(String dashboard, JsonNode panels, List<Query> into) {
		for (JsonNode panel : panels) {
			for (JsonNode target : panel.path("targets")) {
				into.add(new Query(dashboard, panel.path("title").asString(), target.path("refId").asString(),
						target.path("expr").asString()));
			}
			// Collapsed rows carry their panels inside them.
			collect(dashboard, panel.path("panels"), into);
		}
	}

	/**
	 * One target of one panel.
	 *
	 * @param expr the query as Grafana stores it, with its variables
	 */
	public record Query(String dashboard, String panel, String refId, String expr) {

		/**
		 * The query as Grafana sends it with every instance selected and a one-minute rate window: what
		 * Prometheus itself can run.
		 */
		public String resolved() {
			return this.expr.replace("$__rate_interval", "1m").replace("${instance}", ".*").replace("$instance", ".*");
		}

		@Override
		public String toString() {
			return this.dashboard + " / " + this.panel + " / " + this.refId + ": " + this.expr;
		}

	}

}
