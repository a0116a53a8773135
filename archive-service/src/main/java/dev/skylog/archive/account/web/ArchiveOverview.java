package dev.skylog.archive.account.web;

import java.time.Instant;
import java.util.List;

import dev.skylog.archive.post.domain.ArchivedPost;
import dev.skylog.archive.profile.domain.ArchivedProfile;
import dev.skylog.archive.sync.domain.SyncState;

/**
 * An archive's front page: who, how much, how fresh, and the newest posts.
 *
 * @param profile null until the first sync fetched it
 * @param sync null until the first sync reported
 * @param noIndex the account asked Bluesky not to show it to logged-out viewers ({@code !no-unauthenticated})
 */
public record ArchiveOverview(String did, String handle, String timeZone, String visibility, boolean allowCrawlers,
		boolean noIndex, ArchivedProfile profile, Counts counts, SyncState sync, List<ArchivedPost> posts) {

	/** @param likes null for anyone but the owner: likes are the owner's only */
	public record Counts(long posts, long replies, long quotes, long reposts, long total, Long likes,
			Instant firstPostAt, Instant lastPostAt) {
	}

}
