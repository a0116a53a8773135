package dev.skylog.devstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Debian's {@code prometheus} ({@code .ci/run} installs it) scraping the local stack's actuators every second, the
 * way the chart's ServiceMonitors have the cluster's Prometheus do it.
 */
final class PrometheusServer implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Process process;

	private final int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private PrometheusServer(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/** Scrapes each service's {@code /actuator/prometheus}, with the service's module as its job. */
	static PrometheusServer scraping(List<Service> services, Path home) throws IOException, InterruptedException {
		StringBuilder config = new StringBuilder("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
				+ "scrape_configs:\n");
		for (Service service : services) {
			config.append("  - job_name: ").append(service.module()).append('\n')
				.append("    metrics_path: /actuator/prometheus\n")
				.append("    static_configs:\n")
				.append("      - targets: [\"127.0.0.1:").append(service.managementPort()).append("\"]\n");
		}
		Files.createDirectories(home);
		Files.writeString(home.resolve("prometheus.yml"), config);
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Process process;
		try {
			process = new ProcessBuilder("prometheus", "--config.file=" + home.resolve("prometheus.yml"),
					"--storage.tsdb.path=" + home.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
					"--log.level=warn")
				.redirectErrorStream(true)
				.redirectOutput(home.resolve("prometheus.log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new AssertionError("prometheus is missing: install Debian's prometheus package (.ci/run does)", ex);
		}
		PrometheusServer server = new PrometheusServer(process, port);
		server.awaitReady(Duration.ofSeconds(30));
		return server;
	}

	private void awaitReady(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("prometheus exited with " + this.process.exitValue());
			}
			try {
				HttpResponse<Void> ready = this.http.send(HttpRequest.newBuilder(uri("/-/ready")).build(),
						HttpResponse.BodyHandlers.discarding());
				if (ready.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("prometheus not ready after " + timeout);
	}

	/** The series an instant query returns now; an invalid query fails. */
	List<JsonNode> query(String promql) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(uri("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode body = json.readTree(response.body());
		if (response.statusCode() != 200 || !"success".equals(body.path("status").asString())) {
			throw new IllegalArgumentException(promql + ": " + response.body());
		}
		List<JsonNode> series = new java.util.ArrayList<>();
		body.path("data").path("result").forEach(series::add);
		return series;
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

}
