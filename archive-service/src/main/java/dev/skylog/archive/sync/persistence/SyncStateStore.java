package dev.skylog.archive.sync.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import dev.skylog.archive.sync.domain.SyncState;
import dev.skylog.events.sync.SyncCompleted;
import dev.skylog.events.sync.SyncFailed;
import dev.skylog.events.sync.SyncProgress;
import dev.skylog.events.sync.SyncStatusEvent;

/** The newest sync status of each account; an older event (a redelivery) never overwrites a newer one. */
@Repository
public class SyncStateStore {

	private final DatabaseClient database;

	public SyncStateStore(DatabaseClient database) {
		this.database = database;
	}

	public Mono<Void> apply(SyncStatusEvent event) {
		return switch (event) {
			case SyncProgress progress -> save(progress, SyncState.State.RUNNING, progress.postsSoFar(),
					progress.likesSoFar(), null);
			case SyncCompleted completed -> save(completed, SyncState.State.COMPLETED, completed.postsFetched(),
					completed.likesFetched(), null);
			case SyncFailed failed -> save(failed, SyncState.State.FAILED, 0, 0, failed.reason().name());
		};
	}

	public Mono<SyncState> find(String did) {
		return this.database.sql("""
				SELECT sync_id, state, posts_so_far, likes_so_far, failure_reason, last_completed_at, updated_at
				FROM account_sync WHERE did = :did
				""")
			.bind("did", did)
			.map((row) -> new SyncState(row.get("sync_id", java.util.UUID.class),
					SyncState.State.valueOf(row.get("state", String.class)),
					row.get("posts_so_far", Integer.class), row.get("likes_so_far", Integer.class),
					row.get("failure_reason", String.class), instant(row.get("last_completed_at", OffsetDateTime.class)),
					instant(row.get("updated_at", OffsetDateTime.class))))
			.one();
	}

	private Mono<Void> save(SyncStatusEvent event, SyncState.State state, int posts, int likes, String reason) {
		OffsetDateTime at = event.occurredAt().atOffset(ZoneOffset.UTC);
		return this.database.sql("""
				INSERT INTO account_sync (did, sync_id, state, posts_so_far, likes_so_far, failure_reason,
				    last_completed_at, updated_at)
				SELECT :did, :syncId, :state, :posts, :likes, :reason, :completedAt, :at
				-- A sync that outlived its account's deletion reports after it: not stored, unless the account has
				-- logged in again since.
				WHERE NOT EXISTS (SELECT 1 FROM account_deletion WHERE did = :did)
				   OR EXISTS (SELECT 1 FROM account_settings WHERE did = :did)
				ON CONFLICT (did) DO UPDATE SET sync_id = EXCLUDED.sync_id, state = EXCLUDED.state,
				    posts_so_far = EXCLUDED.posts_so_far, likes_so_far = EXCLUDED.likes_so_far,
				    failure_reason = EXCLUDED.failure_reason,
				    last_completed_at = COALESCE(EXCLUDED.last_completed_at, account_sync.last_completed_at),
				    updated_at = EXCLUDED.updated_at
				WHERE account_sync.updated_at <= EXCLUDED.updated_at
				""")
			.bind("did", event.did())
			.bind("syncId", event.syncId())
			.bind("state", state.name())
			.bind("posts", posts)
			.bind("likes", likes)
			.bind("reason", Parameter.fromOrEmpty(reason, String.class))
			.bind("completedAt", Parameter.fromOrEmpty((state == SyncState.State.COMPLETED) ? at : null,
					OffsetDateTime.class))
			.bind("at", at)
			.then();
	}

	private static Instant instant(OffsetDateTime value) {
		return (value != null) ? value.toInstant() : null;
	}

}
