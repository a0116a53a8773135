package dev.skylog.events.profile;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.skylog.events.Dids;
import dev.skylog.events.EventMetadata;
import dev.skylog.events.SkylogEvent;

/**
 * The account's profile as {@code app.bsky.actor.getProfile} showed it. {@code labels} are the label values
 * on the account (e.g. {@code !no-unauthenticated}, which the web UI honours with {@code noindex}).
 */
public record ProfileFetched(UUID eventId, int schemaVersion, Instant occurredAt, String did, String handle,
		String displayName, String description, String avatarUrl, String bannerUrl, long followersCount,
		long followsCount, long postsCount, List<String> labels, Instant createdAt) implements SkylogEvent {

	public static final int SCHEMA_VERSION = 1;

	public ProfileFetched {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Dids.requireDid(did);
		Objects.requireNonNull(handle, "handle");
		labels = (labels == null) ? List.of() : List.copyOf(labels);
	}

	public static ProfileFetched of(EventMetadata meta, String did, String handle, String displayName,
			String description, String avatarUrl, String bannerUrl, long followersCount, long followsCount,
			long postsCount, List<String> labels, Instant createdAt) {
		return new ProfileFetched(meta.eventId(), SCHEMA_VERSION, meta.occurredAt(), did, handle, displayName,
				description, avatarUrl, bannerUrl, followersCount, followsCount, postsCount, labels, createdAt);
	}

}
