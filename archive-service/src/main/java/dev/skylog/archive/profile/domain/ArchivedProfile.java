package dev.skylog.archive.profile.domain;

import java.time.Instant;
import java.util.List;

/** The account's Bluesky profile as last fetched; {@code labels} include {@code !no-unauthenticated}. */
public record ArchivedProfile(String handle, String displayName, String description, String avatarUrl,
		String bannerUrl, List<String> labels, long followersCount, long followsCount, long postsCount,
		Instant createdAt, Instant updatedAt) {

	public ArchivedProfile {
		labels = (labels == null) ? List.of() : List.copyOf(labels);
	}

}
