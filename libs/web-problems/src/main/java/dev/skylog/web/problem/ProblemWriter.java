package dev.skylog.web.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an {@link ApiProblem} straight to a response, for the places that answer before any controller
 * advice can: Spring Security's entry points and access-denied handlers, and web filters.
 */
public final class ProblemWriter {

	// The same fields, in the same order, as the problems controller advice writes.
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProblemWriter() {
	}

	public static Mono<Void> write(ServerHttpResponse response, ApiProblem problem) {
		response.setStatusCode(problem.status());
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (problem.status() == HttpStatus.UNAUTHORIZED) {
			response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		}
		if (problem.retryAfter() != null) {
			response.getHeaders()
				.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, problem.retryAfter().toSeconds())));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.type().toString());
		body.put("title", problem.title());
		body.put("status", problem.status().value());
		body.put("detail", problem.getMessage());
		body.put("code", problem.code());
		return response.writeWith(Mono.just(response.bufferFactory().wrap(JSON.writeValueAsBytes(body))));
	}

}
