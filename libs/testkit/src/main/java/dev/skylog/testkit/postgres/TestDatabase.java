package dev.skylog.testkit.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A database of its own for one test class (or one Spring context), on the shared test PostgreSQL server.
 */
public record TestDatabase(String name, String host, int port, String username, String password) {

	@Override
	public String toString() {
		return "TestDatabase[" + jdbcUrl() + ", user=" + this.username + "]";
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + this.name;
	}

	public String r2dbcUrl() {
		return "r2dbc:postgresql://" + this.host + ":" + this.port + "/" + this.name;
	}

	public Connection connect() throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", this.username);
		if (this.password != null) {
			properties.setProperty("password", this.password);
		}
		return DriverManager.getConnection(jdbcUrl(), properties);
	}

	/**
	 * Points Spring Boot's R2DBC connection and Flyway at this database. Flyway needs its own JDBC URL in an
	 * R2DBC application: without a DataSource it would otherwise silently not run.
	 */
	public void registerProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.r2dbc.url", this::r2dbcUrl);
		registry.add("spring.r2dbc.username", this::username);
		registry.add("spring.r2dbc.password", () -> (this.password != null) ? this.password : "");
		registry.add("spring.flyway.url", this::jdbcUrl);
		registry.add("spring.flyway.user", this::username);
		registry.add("spring.flyway.password", () -> (this.password != null) ? this.password : "");
	}

}
