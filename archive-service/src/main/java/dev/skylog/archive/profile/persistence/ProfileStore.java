package dev.skylog.archive.profile.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import dev.skylog.archive.profile.domain.ArchivedProfile;
import dev.skylog.events.profile.ProfileFetched;

/** The newest profile of each account, by the time it was fetched: an older one arriving later changes nothing. */
@Repository
public class ProfileStore {

	private final DatabaseClient database;

	public ProfileStore(DatabaseClient database) {
		this.database = database;
	}

	public Mono<Void> upsert(ProfileFetched profile) {
		return this.database.sql("""
				INSERT INTO profile (did, handle, display_name, description, avatar_url, banner_url, labels,
				    followers_count, follows_count, posts_count, created_at, updated_at, event_at)
				VALUES (:did, :handle, :displayName, :description, :avatar, :banner, CAST(:labels AS text[]),
				    :followers, :follows, :posts, CAST(:createdAt AS timestamptz), now(), :seenAt)
				ON CONFLICT (did) DO UPDATE SET handle = EXCLUDED.handle, display_name = EXCLUDED.display_name,
				    description = EXCLUDED.description, avatar_url = EXCLUDED.avatar_url,
				    banner_url = EXCLUDED.banner_url, labels = EXCLUDED.labels,
				    followers_count = EXCLUDED.followers_count, follows_count = EXCLUDED.follows_count,
				    posts_count = EXCLUDED.posts_count, created_at = EXCLUDED.created_at, updated_at = now(),
				    event_at = EXCLUDED.event_at
				WHERE profile.event_at <= EXCLUDED.event_at
				""")
			.bind("did", profile.did())
			.bind("handle", profile.handle())
			.bind("displayName", nullable(profile.displayName()))
			.bind("description", nullable(profile.description()))
			.bind("avatar", nullable(profile.avatarUrl()))
			.bind("banner", nullable(profile.bannerUrl()))
			.bind("labels", profile.labels().toArray(String[]::new))
			.bind("followers", profile.followersCount())
			.bind("follows", profile.followsCount())
			.bind("posts", profile.postsCount())
			.bind("createdAt", nullable((profile.createdAt() != null) ? profile.createdAt().toString() : null))
			.bind("seenAt", profile.occurredAt().atOffset(java.time.ZoneOffset.UTC))
			.then()
			// The archive is found by handle: follow a handle change the profile shows.
			.then(this.database.sql("""
					UPDATE account_settings SET handle = :handle, handle_seen_at = :seenAt
					WHERE did = :did AND handle_seen_at <= :seenAt
					""")
				.bind("did", profile.did())
				.bind("handle", profile.handle())
				.bind("seenAt", profile.occurredAt().atOffset(java.time.ZoneOffset.UTC))
				.then());
	}

	public Mono<ArchivedProfile> find(String did) {
		return this.database.sql("""
				SELECT handle, display_name, description, avatar_url, banner_url, labels, followers_count,
				    follows_count, posts_count, created_at, updated_at
				FROM profile WHERE did = :did
				""")
			.bind("did", did)
			.map((row) -> new ArchivedProfile(row.get("handle", String.class), row.get("display_name", String.class),
					row.get("description", String.class), row.get("avatar_url", String.class),
					row.get("banner_url", String.class), List.of(row.get("labels", String[].class)),
					row.get("followers_count", Long.class), row.get("follows_count", Long.class),
					row.get("posts_count", Long.class), instant(row.get("created_at", OffsetDateTime.class)),
					instant(row.get("updated_at", OffsetDateTime.class))))
			.one();
	}

	private static Instant instant(OffsetDateTime value) {
		return (value != null) ? value.toInstant() : null;
	}

	private static org.springframework.r2dbc.core.Parameter nullable(String value) {
		return org.springframework.r2dbc.core.Parameter.fromOrEmpty(value, String.class);
	}

}
