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
 * components say to each other, so a client can never pass one off as the gateway's.
 */
@Component
public class ReservedHeaderFilter implements GlobalFilter, Ordered {

	static final String RESERVED_PREFIX = "x-skylog-";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		boolean present = exchange.getRequest().getHeaders().headerNames().stream()
			.anyMatch((name) -> name.toLowerCase(Locale.ROOT).startsWith(RESERVED_PREFIX));
		if (!present) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange.mutate()
			.request((request) -> request.headers((headers) -> headers.headerNames()
				.stream()
				.filter((name) -> name.toLowerCase(Locale.ROOT).startsWith(RESERVED_PREFIX))
				.toList()
				.forEach(headers::remove)))
			.build());
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
