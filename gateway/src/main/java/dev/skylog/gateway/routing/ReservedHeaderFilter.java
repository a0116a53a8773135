package dev.skylog.gateway.routing;

import java.util.Locale;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Removes every {@code X-Skylog-*} header a client sends: those names are reserved for what Skylog's own
 * components say to each other, so a client can never pass one off as the gateway's. Client-sent
 * {@code Forwarded} and {@code X-Forwarded-*} go too: the gateway adds the address it really saw, and a
 * backend reading the leftmost entry (auth-service's login throttle) must not get one the client invented.
 */
@Component
public class ReservedHeaderFilter implements GlobalFilter, Ordered {

	static final String RESERVED_PREFIX = "x-skylog-";

	private static boolean reserved(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.startsWith(RESERVED_PREFIX) || lower.startsWith("x-forwarded-") || lower.equals("forwarded");
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		boolean present = exchange.getRequest().getHeaders().headerNames().stream()
			.anyMatch(ReservedHeaderFilter::reserved);
		if (!present) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange.mutate()
			.request((request) -> request.headers((headers) -> headers.headerNames()
				.stream()
				.filter(ReservedHeaderFilter::reserved)
				.toList()
				.forEach(headers::remove)))
			.build());
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
