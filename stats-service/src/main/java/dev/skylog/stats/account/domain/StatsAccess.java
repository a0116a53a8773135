package dev.skylog.stats.account.domain;


import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import dev.skylog.events.Dids;
import dev.skylog.events.Handles;
import dev.skylog.stats.web.StatsProblem;

/**
 * Finds the account a request names and decides whether the caller may see its statistics. The caller's
 * identity is only ever the subject of a Skylog session JWT whose signature was checked against auth-service's
 * keys; a private account answers exactly like a missing one to anyone else.
 */
@Service
public class StatsAccess {

	private final DatabaseClient database;

	public StatsAccess(DatabaseClient database) {
		this.database = database;
	}

	public Mono<StatsAccount> readable(String handleOrDid, Jwt session) {
		String viewer = (session != null) ? session.getSubject() : null;
		return find(handleOrDid).filter((account) -> account.readableBy(viewer))
			.switchIfEmpty(Mono.error(() -> StatsProblem.accountNotFound(handleOrDid)));
	}

	private Mono<StatsAccount> find(String handleOrDid) {
		String where;
		if (Dids.isDid(handleOrDid)) {
			where = "did = :id";
		}
		else if (Handles.isHandle(handleOrDid)) {
			where = "lower(handle) = lower(:id)";
		}
		else {
			return Mono.error(() -> StatsProblem.invalidParameter("handle", "not a handle or DID"));
		}
		return this.database.sql("SELECT did, handle, time_zone, visibility FROM stats.account WHERE " + where
				+ " AND (deleted_at IS NULL OR settings_at > deleted_at) ORDER BY handle_seen_at DESC LIMIT 1")
			.bind("id", handleOrDid)
			.map((row) -> new StatsAccount(row.get("did", String.class), row.get("handle", String.class),
					java.time.ZoneId.of(row.get("time_zone", String.class)),
					"PRIVATE".equals(row.get("visibility", String.class))))
			.first();
	}

}
