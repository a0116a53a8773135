package dev.skylog.gateway.routing;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses paths with dot segments, encoded separators, double encoding or matrix parameters ({@code ..;/})
 * before routing. Route predicates match the raw path,
 * so {@code /api/auth/../../internal/…} would match {@code /api/auth/**} and be forwarded as it is; a backend
 * that normalised it would then serve an internal endpoint to the public.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PathTraversalGuard implements WebFilter {

	private static final byte[] PROBLEM = """
			{"type":"about:blank","title":"Malformed path","status":400,\
			"detail":"The path contains dot segments or encoded separators."}""".getBytes(StandardCharsets.UTF_8);

	private static final Pattern SUSPICIOUS = Pattern.compile("(^|/)\\.{1,2}(/|;|$)|%2e|%2f|%5c|%25|;|\\\\");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String rawPath = exchange.getRequest().getURI().getRawPath();
		if (rawPath != null && SUSPICIOUS.matcher(rawPath.toLowerCase(Locale.ROOT)).find()) {
			var response = exchange.getResponse();
			response.setStatusCode(HttpStatus.BAD_REQUEST);
			response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			return response.writeWith(Mono.just(response.bufferFactory().wrap(PROBLEM)));
		}
		return chain.filter(exchange);
	}

}
