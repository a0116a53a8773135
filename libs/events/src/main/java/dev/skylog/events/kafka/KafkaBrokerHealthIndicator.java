package dev.skylog.events.kafka;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The broker, as a service's readiness sees it ({@code management.endpoint.health.group.readiness.include: kafka}).
 * While no broker answers, a service can neither take in nor hand on events: it reports not ready, so the
 * platform stops sending it requests that need Kafka and an operator sees why, and its consumers carry on
 * from their committed offsets once the broker is back.
 *
 * <p>One admin client for the service's life, which reconnects by itself; each check waits at most
 * {@code timeout}, below Kubernetes' default probe timeout of one second.
 */
public class KafkaBrokerHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

	private final KafkaAdmin kafkaAdmin;

	private final Duration timeout;

	private volatile Admin admin;

	public KafkaBrokerHealthIndicator(KafkaAdmin kafkaAdmin, Duration timeout) {
		super("Kafka broker not answering");
		this.kafkaAdmin = kafkaAdmin;
		this.timeout = timeout;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		var cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeout.toMillis()));
		int nodes = cluster.nodes().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS).size();
		builder.up().withDetail("clusterId", cluster.clusterId().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS))
			.withDetail("nodes", nodes);
	}

	private Admin admin() {
		Admin current = this.admin;
		if (current == null) {
			synchronized (this) {
				current = this.admin;
				if (current == null) {
					current = Admin.create(this.kafkaAdmin.getConfigurationProperties());
					this.admin = current;
				}
			}
		}
		return current;
	}

	@Override
	public void destroy() {
		Admin current = this.admin;
		if (current != null) {
			current.close(Duration.ofSeconds(2));
		}
	}

}
