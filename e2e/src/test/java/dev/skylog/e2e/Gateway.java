package dev.skylog.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Skylog's public REST API, as a client on the internet reaches it: through the gateway only. */
final class Gateway {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String base;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	// The cookies the gateway set, sent back as a browser on http://localhost would (browsers send Secure cookies
	// to localhost; Java's CookieManager does not): the refresh cookie is what logout must end.
	private final java.util.Map<String, String> cookies = new java.util.concurrent.ConcurrentHashMap<>();

	Gateway(String base) {
		this.base = base;
	}

	Answer get(String path, String token) {
		return send(request(path, token).GET());
	}

	/** A GET given up after {@code timeout} (an exception), as a probe gives up. */
	Answer get(String path, String token, Duration timeout) {
		return send(request(path, token).timeout(timeout).GET());
	}

	Answer post(String path, String token, String body) {
		return send(request(path, token).header("Content-Type", "application/json")
			.POST((body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody()));
	}

	Answer delete(String path, String token) {
		return send(request(path, token).DELETE());
	}

	/** Any request, exactly as given: the way a misbehaving client sends one. */
	Answer send(String method, String path, String token, String body, String contentType) {
		return send(method, path, token, body, contentType, java.util.Map.of());
	}

	Answer send(String method, String path, String token, String body, String contentType,
			java.util.Map<String, String> headers) {
		HttpRequest.Builder request = request(path, token);
		headers.forEach(request::header);
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return send(request.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody()));
	}

	private HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(30));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		if (!this.cookies.isEmpty() && path.startsWith("/api/auth/")) {
			builder.header("Cookie", String.join("; ", this.cookies.entrySet().stream()
				.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
				.toList()));
		}
		return builder;
	}

	private Answer send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			for (String header : response.headers().allValues("Set-Cookie")) {
				for (java.net.HttpCookie cookie : java.net.HttpCookie.parse(header)) {
					if (cookie.getValue().isEmpty() || cookie.getMaxAge() == 0) {
						this.cookies.remove(cookie.getName());
					}
					else {
						this.cookies.put(cookie.getName(), cookie.getValue());
					}
				}
			}
			String contentType = response.headers().firstValue("Content-Type").orElse("");
			JsonNode body = (response.body().isBlank() || !contentType.contains("json")) ? json.missingNode()
					: json.readTree(response.body());
			return new Answer(response.statusCode(), body, response.body(), contentType, response.headers());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Answer(int status, JsonNode body, String text, String contentType, java.net.http.HttpHeaders headers) {

		JsonNode ok() {
			if (this.status / 100 != 2) {
				throw new AssertionError("HTTP " + this.status + ": " + this.text);
			}
			return this.body;
		}

	}

}
