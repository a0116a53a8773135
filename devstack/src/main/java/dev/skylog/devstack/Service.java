package dev.skylog.devstack;

import java.util.List;

/**
 * One of Skylog's services as the local stack runs it: its module, its fixed port and its database.
 *
 * @param database the suffix of the PostgreSQL database it owns, or null when it has none
 */
record Service(String module, int port, String database) {

	/** The actuator listens here, apart from the API. */
	int managementPort() {
		return this.port + 1000;
	}

	String managementUrl() {
		return "http://localhost:" + managementPort();
	}

	static final List<Service> ALL = List.of(new Service("auth-service", 8081, "auth"),
			new Service("sync-scheduler", 8082, "scheduler"), new Service("fetcher-service", 8083, null),
			new Service("archive-service", 8084, "archive"), new Service("stats-service", 8085, "stats"),
			new Service("gateway", 8080, null));

	/** The database's name under a prefix ({@code skylog_auth} by default). */
	String databaseName(String prefix) {
		return prefix + "_" + this.database;
	}

	String baseUrl() {
		return "http://localhost:" + this.port;
	}

}
