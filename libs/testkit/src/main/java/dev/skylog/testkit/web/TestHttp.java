package dev.skylog.testkit.web;

import java.time.Duration;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * A WebTestClient against a running server that opens a connection per request. With the shared connection pool,
 * a request sent on a pooled connection the server was just closing (after a response a filter wrote, such as a
 * 401 or 400 problem) was seen to get no answer at all on the CI machine; a fresh connection each time keeps
 * every test about what the server answers.
 */
public final class TestHttp {

	private TestHttp() {
	}

	public static WebTestClient to(String baseUrl) {
		return WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection())))
			.baseUrl(baseUrl)
			.responseTimeout(Duration.ofSeconds(20))
			.build();
	}

}
