package dev.skylog.scheduler.sync.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;

import dev.skylog.events.sync.SyncRequested;
import dev.skylog.scheduler.sync.domain.SyncLease;
import dev.skylog.testkit.postgres.TestDatabase;
import dev.skylog.testkit.postgres.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two scheduler replicas claim from one database at the same moment: each is a repository of its own, on
 * connections of its own, and each runs two rounds at once. No account may be handed out twice, and every
 * claimable account must be handed out.
 */
class ConcurrentClaimTests {

	private static final int DUE = 600;

	private static final int BATCH = 17;

	private static final Duration LEASE = Duration.ofMinutes(15);

	private TestDatabase database;

	private final List<ConnectionPool> pools = new ArrayList<>();

	private ExecutorService threads;

	private SyncStateRepository replicaA;

	private SyncStateRepository replicaB;

	private Instant now;

	@BeforeEach
	void twoReplicasOnOneDatabase() throws Exception {
		this.database = TestPostgres.createDatabase("scheduler_claims");
		Flyway.configure()
			.dataSource(this.database.jdbcUrl(), this.database.username(), this.database.password())
			.load()
			.migrate();
		this.replicaA = new SyncStateRepository(DatabaseClient.create(pool()));
		this.replicaB = new SyncStateRepository(DatabaseClient.create(pool()));
		this.threads = Executors.newFixedThreadPool(4);
		// Milliseconds: what PostgreSQL stores (microseconds) gives back exactly.
		this.now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		// Rows that must never be claimed, beside the due ones: in flight, waiting for a login, not due yet.
		insert("INSERT INTO sync_state (did, due_at) SELECT 'did:plc:due' || lpad(i::text, 4, '0'), "
				+ "CAST(? AS timestamptz) - make_interval(secs => i) FROM generate_series(1, " + DUE + ") AS i");
		insert("INSERT INTO sync_state (did, due_at, lease_id, lease_expires_at) "
				+ "SELECT 'did:plc:inflight' || lpad(i::text, 4, '0'), CAST(? AS timestamptz) - interval '1 hour', gen_random_uuid(), "
				+ "CAST(? AS timestamptz) + interval '5 minutes' FROM generate_series(1, 30) AS i");
		insert("INSERT INTO sync_state (did, due_at, reauth_required) "
				+ "SELECT 'did:plc:reauth' || lpad(i::text, 4, '0'), CAST(? AS timestamptz) - interval '1 hour', TRUE FROM generate_series(1, 30) AS i");
		insert("INSERT INTO sync_state (did, due_at) "
				+ "SELECT 'did:plc:later' || lpad(i::text, 4, '0'), CAST(? AS timestamptz) + interval '1 hour' FROM generate_series(1, 30) AS i");
	}

	@AfterEach
	void stop() {
		this.threads.shutdownNow();
		this.pools.forEach(ConnectionPool::dispose);
		TestPostgres.drop(this.database);
	}

	@Test
	void concurrentRoundsClaimEveryDueAccountExactlyOnce() throws Exception {
		Map<String, List<SyncLease>> claims = race(
				() -> claimUntilNoneLeft(this.replicaA, this.now), () -> claimUntilNoneLeft(this.replicaA, this.now),
				() -> claimUntilNoneLeft(this.replicaB, this.now), () -> claimUntilNoneLeft(this.replicaB, this.now));

		List<SyncLease> all = claims.values().stream().flatMap(List::stream).toList();
		assertThat(all).hasSize(DUE);
		assertThat(all.stream().map(SyncLease::did).collect(Collectors.toSet())).hasSize(DUE)
			.allMatch((did) -> did.startsWith("did:plc:due"));
		assertThat(all.stream().map(SyncLease::syncId).collect(Collectors.toSet())).hasSize(DUE);
		assertThat(all).allMatch((lease) -> lease.expiredLeaseId() == null)
			.allMatch((lease) -> lease.expiresAt().equals(this.now.plus(LEASE)));
		assertThat(claims.get("0").size() + claims.get("1").size()).as("replica A claimed some").isPositive();
		assertThat(claims.get("2").size() + claims.get("3").size()).as("replica B claimed some").isPositive();
		assertThat(storedLeases()).as("each account holds the lease it was handed")
			.isEqualTo(all.stream().collect(Collectors.toMap(SyncLease::did, SyncLease::syncId)));
	}

	@Test
	void aRoundAndSingleRequestsRacingForTheSameAccountsHandEachOutOnce() throws Exception {
		List<String> dues = new ArrayList<>(storedDids("did:plc:due%"));
		Collections.shuffle(dues);
		Map<String, List<SyncLease>> claims = race(() -> claimUntilNoneLeft(this.replicaA, this.now),
				() -> claimEachOnce(this.replicaB, dues.subList(0, DUE / 2)),
				() -> claimEachOnce(this.replicaB, dues.subList(DUE / 2, DUE)),
				() -> claimEachOnce(this.replicaA, List.copyOf(storedDids("did:plc:inflight%"))));

		List<SyncLease> all = claims.values().stream().flatMap(List::stream).toList();
		assertThat(all.stream().map(SyncLease::did).toList()).doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(dues);
		assertThat(claims.get("3")).as("accounts in flight are not requested again").isEmpty();
	}

	@Test
	void leasesThatRanOutAreClaimedAgainOnceAndSayWhichLeaseExpired() throws Exception {
		List<SyncLease> first = claimUntilNoneLeft(this.replicaA, this.now);
		Map<String, UUID> firstLeases = first.stream().collect(Collectors.toMap(SyncLease::did, SyncLease::syncId));

		// Just before the new leases run out, only the rows that were in flight from the start (leases of five
		// minutes, never reported on) come back.
		List<SyncLease> beforeExpiry = claimUntilNoneLeft(this.replicaB, this.now.plus(LEASE).minusSeconds(1));
		assertThat(beforeExpiry).hasSize(30)
			.allMatch((lease) -> lease.did().startsWith("did:plc:inflight") && lease.expiredLeaseId() != null);

		Instant later = this.now.plus(LEASE).plusSeconds(1);
		Map<String, List<SyncLease>> claims = race(() -> claimUntilNoneLeft(this.replicaA, later),
				() -> claimUntilNoneLeft(this.replicaB, later));

		List<SyncLease> again = claims.values().stream().flatMap(List::stream).toList();
		assertThat(again.stream().map(SyncLease::did).toList()).doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(firstLeases.keySet());
		assertThat(again).allMatch((lease) -> firstLeases.get(lease.did()).equals(lease.expiredLeaseId()))
			.allMatch((lease) -> !lease.syncId().equals(lease.expiredLeaseId()));
	}

	private List<SyncLease> claimUntilNoneLeft(SyncStateRepository replica, Instant at) {
		List<SyncLease> claimed = new ArrayList<>();
		while (true) {
			List<SyncLease> batch = replica.claimDue(at, at.plus(LEASE), BATCH, SyncRequested.Trigger.SCHEDULE)
				.collectList()
				.block(Duration.ofSeconds(30));
			if (batch == null || batch.isEmpty()) {
				return claimed;
			}
			claimed.addAll(batch);
		}
	}

	private List<SyncLease> claimEachOnce(SyncStateRepository replica, List<String> dids) {
		List<SyncLease> claimed = new ArrayList<>();
		for (String did : dids) {
			SyncLease lease = replica.claim(did, this.now, this.now.plus(LEASE), SyncRequested.Trigger.MANUAL)
				.block(Duration.ofSeconds(30));
			if (lease != null) {
				claimed.add(lease);
			}
		}
		return claimed;
	}

	/** Runs the tasks at the same moment; answers each one's claims by its index. */
	@SafeVarargs
	private Map<String, List<SyncLease>> race(Callable<List<SyncLease>>... tasks) throws Exception {
		CyclicBarrier start = new CyclicBarrier(tasks.length);
		List<Future<List<SyncLease>>> running = new ArrayList<>();
		for (Callable<List<SyncLease>> task : tasks) {
			running.add(this.threads.submit(() -> {
				start.await(10, TimeUnit.SECONDS);
				return task.call();
			}));
		}
		Map<String, List<SyncLease>> results = new HashMap<>();
		for (int i = 0; i < running.size(); i++) {
			results.put(Integer.toString(i), running.get(i).get(2, TimeUnit.MINUTES));
		}
		return results;
	}

	private ConnectionPool pool() {
		ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration
			.builder(ConnectionFactories.get(ConnectionFactoryOptions.parse(this.database.r2dbcUrl())
				.mutate()
				.option(ConnectionFactoryOptions.USER, this.database.username())
				.option(ConnectionFactoryOptions.PASSWORD,
						(this.database.password() != null) ? this.database.password() : "")
				.build()))
			.initialSize(2)
			.maxSize(2)
			.build());
		this.pools.add(pool);
		return pool;
	}

	/** Runs an INSERT whose {@code ?} are all this test's {@code now}. */
	private void insert(String sql) throws Exception {
		try (Connection connection = this.database.connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			OffsetDateTime at = this.now.atOffset(ZoneOffset.UTC);
			for (int p = 1; p <= statement.getParameterMetaData().getParameterCount(); p++) {
				statement.setObject(p, at);
			}
			statement.executeUpdate();
		}
	}

	private Set<String> storedDids(String pattern) throws Exception {
		return query("SELECT did FROM sync_state WHERE did LIKE ?", pattern, (rows) -> {
			Set<String> dids = new HashSet<>();
			while (rows.next()) {
				dids.add(rows.getString(1));
			}
			return dids;
		});
	}

	private Map<String, UUID> storedLeases() throws Exception {
		return query("SELECT did, lease_id FROM sync_state WHERE did LIKE ?", "did:plc:due%", (rows) -> {
			Map<String, UUID> leases = new HashMap<>();
			while (rows.next()) {
				leases.put(rows.getString(1), rows.getObject(2, UUID.class));
			}
			return leases;
		});
	}

	private <T> T query(String sql, String parameter, SqlFunction<ResultSet, T> read) throws Exception {
		try (Connection connection = this.database.connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, parameter);
			try (ResultSet rows = statement.executeQuery()) {
				return read.apply(rows);
			}
		}
	}

	@FunctionalInterface
	private interface SqlFunction<A, B> {

		B apply(A value) throws Exception;

	}

}
