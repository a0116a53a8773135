package dev.skylog.scheduler.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every error of the API as {@code application/problem+json}, never a stack trace. */
@RestControllerAdvice
public class ProblemResponses {

	@ExceptionHandler(SyncProblem.class)
	ResponseEntity<ProblemDetail> syncProblem(SyncProblem problem) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
		body.setType(problem.type());
		body.setTitle(problem.title());
		body.setProperty("code", problem.code());
		HttpHeaders headers = new HttpHeaders();
		if (problem.retryAfter() != null) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, problem.retryAfter().toSeconds())));
		}
		return ResponseEntity.status(problem.status()).headers(headers).body(body);
	}

}
