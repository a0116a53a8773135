package dev.skylog.devstack;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.skylog.testkit.monitoring.DashboardQueries;
import dev.skylog.testkit.monitoring.DashboardQueries.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack command, as a newcomer runs it: a real Kafka broker, the six services from the jars this build
 * just packaged and the devnet come up, every service reports UP within 90 s; a demo account logs in through the
 * gateway and its history is archived; the web UI works in headless Chromium; Prometheus scraping the services finds a series for every query of every
 * Grafana dashboard; and nothing is left running afterwards. (Maven builds this module after the services, so
 * their jars exist.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackTest {

	// Its own databases, so the test neither sees nor changes a developer's local stack data.
	static final String DB_PREFIX = "skylog_stacktest";

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private RunningStack stack;

	private Path home;

	@BeforeAll
	void startTheStack() {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		assertThat(classPath).contains("kafka_2.13").contains(File.pathSeparator);
		this.stack = RunningStack.start(Path.of("").toAbsolutePath().getParent(), classPath, DB_PREFIX,
				Duration.ofSeconds(240));
		this.home = this.stack.home();
	}

	@Test
	@Order(1)
	void theWholeStackComesUpWithin90Seconds() {
		String printed = this.stack.printed();

		assertThat(this.stack.isUp()).as(printed).isTrue();
		assertThat(printed).contains("Skylog is up", "http://localhost:8080", "alice.test / alice-password");
		assertThat(this.stack.secondsToUp()).hasValueSatisfying((seconds) -> assertThat(seconds).isLessThanOrEqualTo(90));
		assertThat(this.stack.childPids()).as("children announced").hasSize(8);
	}

	@Test
	@Order(2)
	void aDemoAccountLogsInThroughTheGatewayAndItsHistoryIsArchived() throws Exception {
		HttpResponse<String> login = this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:8080/api/auth/login"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"identifier\":\"alice.test\",\"password\":\"alice-password\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

		JsonNode archive = null;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline) {
			archive = getJson("http://localhost:8080/api/archive/alice.test");
			if (archive != null && archive.path("counts").path("total").asLong() > 0) {
				break;
			}
			Thread.sleep(1000);
		}
		assertThat(archive).isNotNull();
		assertThat(archive.path("counts").path("total").asLong()).as(archive.toString()).isPositive();
		assertThat(archive.path("profile").path("displayName").asString()).isEqualTo("Alice テスト");
	}

	/**
	 * Every dashboard query, with every instance selected, against what the running services expose: a query
	 * that finds nothing is a panel that would say "No data" in production too (a renamed metric, a label that
	 * does not exist, a counter that only appears after its first increment).
	 */
	/**
	 * The web UI in Debian's Chromium, headless, driven by playwright-core ({@code devstack/browser}): log in,
	 * the archive, Japanese search, a day, the charts, likes, settings, both languages, log out. Screenshots of
	 * every step are left in {@code devstack/target/screenshots}.
	 */
	@Test
	@Order(3)
	void theWebUiWorksInHeadlessChromium() throws Exception {
		Path browser = Path.of("browser").toAbsolutePath();
		if (!Files.isDirectory(browser.resolve("node_modules"))) {
			Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(browser.toFile())
				.redirectErrorStream(true)
				.redirectOutput(this.home.resolve("npm-browser.log").toFile())
				.start();
			assertThat(install.waitFor(300, TimeUnit.SECONDS) && install.exitValue() == 0)
				.as("npm ci in devstack/browser; see " + this.home.resolve("npm-browser.log")).isTrue();
		}
		Path screenshots = Path.of("target", "screenshots").toAbsolutePath();
		Path log = this.home.resolve("web-ui.log");
		ProcessBuilder test = new ProcessBuilder("node", "web-ui.test.mjs").directory(browser.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		test.environment().put("BASE_URL", "http://localhost:8080");
		test.environment().put("HANDLE", "alice.test");
		test.environment().put("PASSWORD", "alice-password");
		test.environment().put("SCREENSHOTS", screenshots.toString());
		Process run = test.start();
		boolean finished = run.waitFor(300, TimeUnit.SECONDS);
		if (!finished) {
			run.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		String printed = Files.readString(log, StandardCharsets.UTF_8);

		assertThat(finished).as(printed).isTrue();
		assertThat(run.exitValue()).as(printed).isZero();
		assertThat(printed).doesNotContain("not ok").contains("ok 12 -");
		try (var shots = Files.list(screenshots)) {
			assertThat(shots.filter((file) -> file.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(10);
		}
	}

	@Test
	@Order(4)
	void everyDashboardQueryFindsSeriesOnTheRunningServices() throws Exception {
		for (Service service : Service.ALL) {
			// Each API answers once (even a 404), so its HTTP request metrics exist.
			this.http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/v3/api-docs")).build(),
					HttpResponse.BodyHandlers.discarding());
		}
		List<Query> queries = DashboardQueries.all(DashboardQueries.dashboardsDirectory());
		assertThat(queries).hasSizeGreaterThan(50);

		try (PrometheusServer prometheus = PrometheusServer.scraping(Service.ALL, this.home.resolve("prometheus"))) {
			List<String> empty = new ArrayList<>();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			do {
				Thread.sleep(2000);
				empty.clear();
				for (Query query : queries) {
					if (prometheus.query(query.resolved()).isEmpty()) {
						empty.add(query.toString());
					}
				}
			}
			while (!empty.isEmpty() && System.nanoTime() < deadline);

			assertThat(prometheus.query("up == 1")).as("every service scraped").hasSize(Service.ALL.size());
			assertThat(empty).as("dashboard queries without a series").isEmpty();
		}
	}

	@Test
	@Order(5)
	void stoppingTheStackLeavesNothingRunning() {
		int exit = this.stack.stop();
		List<ProcessHandle> survivors = this.stack.survivors();
		survivors.forEach(ProcessHandle::destroyForcibly);

		assertThat(exit).as(this.stack.printed()).isIn(0, 130, 143);
		assertThat(survivors).as("children still running after the stack stopped").isEmpty();
		for (int port : new int[] { 8080, 8081, 8082, 8083, 8084, 8085, 9080, 9081, 9085, 9092, 2583 }) {
			assertThat(Ports.listening("127.0.0.1", port)).as("port %d still open", port).isFalse();
		}
	}

	@Test
	void optionsAreParsedAndUnknownOnesRefused() {
		assertThat(DevStack.Options.parse(new String[] { "--devnet", "--kafka-port=19092" }))
			.isEqualTo(new DevStack.Options(true, 19092, 90, false, null, "skylog", false));
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> DevStack.Options.parse(new String[] { "--devnett" }))
			.withMessageContaining("--devnet");
	}

	@Test
	void theBrokerListensOnLoopbackOnly() {
		String properties = KafkaServer.properties(Path.of("/tmp/data"), 9092);

		assertThat(properties).contains("listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
			.contains("auto.create.topics.enable=false");
	}

	@AfterAll
	void stopAndDropDatabases() throws Exception {
		this.stack.close();
	}

	private JsonNode getJson(String url) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url)).build(),
				HttpResponse.BodyHandlers.ofString());
		return (response.statusCode() == 200) ? this.json.readTree(response.body()) : null;
	}

}
