package dev.skylog.auth.token.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.stereotype.Component;

/**
 * A second listening port for {@code /internal/**}. NetworkPolicies work on pods and ports, not paths: with the
 * token API on a port of its own, the cluster can let only the fetcher reach it, on top of the service
 * credential it already needs. {@link InternalApiPortFilter} keeps each port to its own paths.
 */
@Component
@ConditionalOnProperty("skylog.auth.internal.port")
public class InternalApiServer implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(InternalApiServer.class);

	private final InternalApiProperties properties;

	private final ObjectProvider<HttpHandler> httpHandler;

	private volatile WebServer server;

	public InternalApiServer(InternalApiProperties properties, ObjectProvider<HttpHandler> httpHandler) {
		this.properties = properties;
		this.httpHandler = httpHandler;
	}

	@Override
	public void start() {
		NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory(this.properties.port());
		WebServer started = factory.getWebServer(this.httpHandler.getObject());
		started.start();
		this.server = started;
		logger.info("Internal token API listening on port {}", started.getPort());
	}

	@Override
	public void stop() {
		WebServer running = this.server;
		if (running != null) {
			running.stop();
			this.server = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	/** The port it listens on (the actual one when configured as 0); -1 when not running. */
	public int port() {
		WebServer running = this.server;
		return (running != null) ? running.getPort() : -1;
	}

}
