package dev.skylog.auth.token.web;

import java.net.InetSocketAddress;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

import dev.skylog.web.problem.ApiProblem;
import dev.skylog.web.problem.ProblemWriter;

/**
 * With the internal API on a port of its own, each port answers only its own paths: {@code /internal/**} on the
 * API port, and anything else on the internal port, is a 404, before any credential is even looked at.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class InternalApiPortFilter implements WebFilter {

	private static final PathPattern INTERNAL = PathPatternParser.defaultInstance.parse("/internal/**");

	private final InternalApiProperties properties;

	private final ObjectProvider<InternalApiServer> server;

	public InternalApiPortFilter(InternalApiProperties properties, ObjectProvider<InternalApiServer> server) {
		this.properties = properties;
		this.server = server;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!this.properties.ownPort()) {
			return chain.filter(exchange);
		}
		InetSocketAddress local = exchange.getRequest().getLocalAddress();
		InternalApiServer internal = this.server.getIfAvailable();
		boolean onInternalPort = local != null && internal != null && local.getPort() == internal.port();
		boolean internalPath = INTERNAL.matches(exchange.getRequest().getPath().pathWithinApplication());
		if (onInternalPort == internalPath) {
			return chain.filter(exchange);
		}
		return ProblemWriter.write(exchange.getResponse(), new ApiProblem(HttpStatus.NOT_FOUND, "not_found",
				"Not found", "Nothing is served at " + exchange.getRequest().getPath().value() + " on this port."));
	}

}
