package dev.skylog.devstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** The PostgreSQL server the stack keeps each service's database on. */
record LocalPostgres(String host, int port, String user, String password) {

	String jdbcUrl(String database) {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + database;
	}

	String r2dbcUrl(String database) {
		return "r2dbc:postgresql://" + this.host + ":" + this.port + "/" + database;
	}

	void ensureDatabase(String name) {
		try (Connection connection = connect();
				PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			exists.setString(1, name);
			try (ResultSet rows = exists.executeQuery()) {
				if (rows.next()) {
					return;
				}
			}
			try (Statement create = connection.createStatement()) {
				create.execute("CREATE DATABASE " + name);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL at " + this.host + ":" + this.port + " refused: " + ex.getMessage()
					+ " (start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)", ex);
		}
	}

	private Connection connect() throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", this.user);
		if (!this.password.isEmpty()) {
			properties.setProperty("password", this.password);
		}
		properties.setProperty("connectTimeout", "5");
		return DriverManager.getConnection(jdbcUrl("postgres"), properties);
	}

}
