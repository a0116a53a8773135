package dev.skylog.gateway.ui;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web UI as the gateway serves it: the page shell for every page path, in the browser's language, marked
 * noindex where the archive must not be indexed; its scripts and the chart library; nothing else mistaken for
 * a page. (What the pages do in a browser: {@code devstack/browser/web-ui.test.mjs}, run by LocalStackTest.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0",
				"skylog.gateway.extra-image-sources=http://localhost:2583,javascript:alert(1)" })
class WebUiTests {

	static final DisposableServer archive = HttpServer.create().host("127.0.0.1").port(0)
		.handle((request, response) -> response.header("content-type", "application/json")
			.sendString(Mono.just(request.uri().equals("/api/archive/crawler-exclusions")
					? "{\"handles\":[\"quiet.test\"]}" : "{}")))
		.bindNow();

	@DynamicPropertySource
	static void backends(DynamicPropertyRegistry registry) {
		registry.add("skylog.services.archive-url", () -> "http://127.0.0.1:" + archive.port());
	}

	@AfterAll
	static void stop() {
		archive.disposeNow();
	}

	@LocalServerPort
	int port;

	@Test
	void everyPagePathAnswersWithTheShellInTheBrowsersLanguage() {
		for (String path : List.of("/", "/settings", "/alice.test", "/alice.test/stats", "/alice.test/day/2025-01-01",
				"/did:plc:ewvi7nxzyoun6zhxrhs64oiz")) {
			client().get().uri(path).header("Accept-Language", "ja-JP").exchange()
				.expectStatus().isOk()
				.expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
				.expectHeader().doesNotExist("X-Robots-Tag")
				.expectBody(String.class)
				.value((html) -> assertThat(html).as(path).contains("<html lang=\"ja\">", "/assets/app/main.js",
						"/webjars/echarts/5.3.1/dist/echarts.min.js").doesNotContain("noindex"));
		}
		client().get().uri("/alice.test").header("Accept-Language", "fr-FR, en;q=0.8, ja;q=0.5").exchange()
			.expectBody(String.class).value((html) -> assertThat(html).contains("<html lang=\"en\">"));
		client().get().uri("/alice.test").exchange()
			.expectBody(String.class).value((html) -> assertThat(html).contains("<html lang=\"en\">"));
	}

	@Test
	void archivesThatMustNotBeIndexedAndEveryonesLikesAreMarkedNoindex() {
		for (String path : List.of("/quiet.test", "/quiet.test/stats", "/alice.test/likes")) {
			client().get().uri(path).exchange()
				.expectStatus().isOk()
				.expectHeader().valueEquals("X-Robots-Tag", "noindex")
				.expectBody(String.class)
				.value((html) -> assertThat(html).contains("<meta name=\"robots\" content=\"noindex\">"));
		}
	}

	@Test
	void scriptsAndTheChartLibraryAreServedAndNothingElseIsMistakenForAPage() {
		client().get().uri("/assets/app/main.js").exchange()
			.expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith("text/javascript");
		client().get().uri("/webjars/echarts/5.3.1/dist/echarts.min.js").exchange().expectStatus().isOk();
		client().get().uri("/robots.txt").exchange()
			.expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN);
		client().get().uri("/not-a-handle").exchange().expectStatus().isNotFound();
		client().get().uri("/alice.test/day/yesterday").exchange().expectStatus().isNotFound();
	}

	@Test
	void theContentSecurityPolicyAllowsOnlyWellFormedExtraImageSources() {
		client().get().uri("/").exchange()
			.expectHeader().value("Content-Security-Policy", (csp) -> assertThat(csp)
				.contains("img-src 'self' https: data: http://localhost:2583;", "script-src 'self';")
				.doesNotContain("javascript"));
	}

	private WebTestClient client() {
		return dev.skylog.testkit.web.TestHttp.to("http://localhost:" + this.port);
	}

}
