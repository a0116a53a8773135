package dev.skylog.testkit.postgres;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.postgresql.PostgreSQLR2DBCDatabaseContainer;

/**
 * The PostgreSQL server tests run on, and fresh databases on it. The server is, in this order: the one named
 * by {@code SKYLOG_TEST_POSTGRES_URL} ({@code postgresql://user:password@host:port}), the local one on
 * 127.0.0.1:5432 (user {@code postgres}), or a Testcontainers PostgreSQL where a Docker engine answers.
 */
public final class TestPostgres {

	public static final String URL_ENV = "SKYLOG_TEST_POSTGRES_URL";

	static final String POSTGRES_IMAGE = "postgres:17-alpine";

	private static final Logger logger = LoggerFactory.getLogger(TestPostgres.class);

	private static final CopyOnWriteArrayList<TestDatabase> created = new CopyOnWriteArrayList<>();

	private static Server server;

	private TestPostgres() {
	}

	/**
	 * Creates an empty database, dropped when the JVM ends. Use it from {@code @DynamicPropertySource}: a
	 * Spring context lives until the end of the run, so its database must too.
	 */
	public static TestDatabase freshDatabase(String prefix) {
		TestDatabase database = createDatabase(prefix);
		created.add(database);
		return database;
	}

	/** Creates an empty database the caller drops with {@link #drop(TestDatabase)}. */
	public static TestDatabase createDatabase(String prefix) {
		Server server = server();
		String name = (prefix.replaceAll("[^a-zA-Z0-9_]", "_") + "_"
				+ UUID.randomUUID().toString().replace("-", "").substring(0, 12))
			.toLowerCase(Locale.ROOT);
		execute(server, "CREATE DATABASE " + name);
		return new TestDatabase(name, server.host(), server.port(), server.username(), server.password());
	}

	public static void drop(TestDatabase database) {
		// FORCE: a pool of the test's application may still hold connections.
		execute(server(), "DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
		created.remove(database);
	}

	public static synchronized Server server() {
		if (server == null) {
			server = locate();
			logger.info("PostgreSQL for tests: {} at {}:{}", server.kind(), server.host(), server.port());
			Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::dropCreated, "test-postgres-drop"));
		}
		return server;
	}

	private static void dropCreated() {
		for (TestDatabase database : created) {
			try {
				drop(database);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not drop test database {}: {}", database.name(), ex.getMessage());
			}
		}
	}

	private static Server locate() {
		String url = System.getenv(URL_ENV);
		if (url != null && !url.isBlank()) {
			return Server.fromUrl(url, "configured");
		}
		Server local = new Server("127.0.0.1", 5432, "postgres", null, "local");
		if (local.answers()) {
			return local;
		}
		if (dockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
			container.start();
			Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-postgres-stop"));
			// testcontainers-r2dbc reads the container's R2DBC coordinates, so both drivers agree.
			var options = PostgreSQLR2DBCDatabaseContainer.getOptions(container);
			return new Server(String.valueOf(options.getValue(io.r2dbc.spi.ConnectionFactoryOptions.HOST)),
					(Integer) options.getValue(io.r2dbc.spi.ConnectionFactoryOptions.PORT), container.getUsername(),
					container.getPassword(), "testcontainers");
		}
		throw new IllegalStateException("No PostgreSQL for tests: set " + URL_ENV
				+ ", start one on 127.0.0.1:5432 (user postgres), or run a Docker engine");
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static void execute(Server server, String sql) {
		try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL refused: " + sql, ex);
		}
	}

	/** Where the test PostgreSQL server is. */
	public record Server(String host, int port, String username, String password, String kind) {

		@Override
		public String toString() {
			return "Server[" + this.host + ":" + this.port + ", user=" + this.username + ", " + this.kind + "]";
		}

		/** {@code postgresql://user:password@host:port/postgres}, as libpq and node-postgres take it. */
		public String adminUrl() {
			String credentials = (this.password != null)
					? this.username + ":" + java.net.URLEncoder.encode(this.password, java.nio.charset.StandardCharsets.UTF_8)
					: this.username;
			return "postgresql://" + credentials + "@" + this.host + ":" + this.port + "/postgres";
		}

		static Server fromUrl(String url, String kind) {
			URI uri = URI.create(url.replaceFirst("^jdbc:", ""));
			String userInfo = uri.getUserInfo();
			String user = "postgres";
			String password = null;
			if (userInfo != null) {
				String[] parts = userInfo.split(":", 2);
				user = parts[0];
				password = (parts.length > 1) ? parts[1] : null;
			}
			return new Server(uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : 5432, user, password, kind);
		}

		Connection connect(String database) throws SQLException {
			Properties properties = new Properties();
			properties.setProperty("user", this.username);
			if (this.password != null) {
				properties.setProperty("password", this.password);
			}
			properties.setProperty("connectTimeout", "3");
			return DriverManager.getConnection("jdbc:postgresql://" + this.host + ":" + this.port + "/" + database,
					properties);
		}

		boolean answers() {
			try (Connection connection = connect("postgres")) {
				return connection.isValid(2);
			}
			catch (SQLException ex) {
				return false;
			}
		}

	}

}
