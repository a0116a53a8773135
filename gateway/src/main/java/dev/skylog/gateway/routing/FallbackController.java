package dev.skylog.gateway.routing;

import java.time.Duration;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.skylog.web.problem.ApiProblem;

/**
 * Where a route's circuit breaker sends a request its backend did not answer (down, timed out, circuit open,
 * 502–504): a 503 problem with {@code Retry-After}, never a stack trace or the backend's own error page.
 */
@RestController
public class FallbackController {

	static final Duration RETRY_AFTER = Duration.ofSeconds(10);

	@RequestMapping("/fallback/{service}")
	void unavailable(@PathVariable String service) {
		throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable", "Service unavailable",
				"The " + (service.matches("[a-z-]{1,20}") ? service : "requested") + " service is not answering; "
						+ "try again shortly.", RETRY_AFTER);
	}

}
