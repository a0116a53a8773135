package dev.skylog.archive.account.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import dev.skylog.archive.account.domain.ArchiveAccess;
import dev.skylog.archive.account.domain.ArchiveAccount;
import dev.skylog.archive.account.domain.Viewer;
import dev.skylog.archive.like.persistence.LikeFinder;
import dev.skylog.archive.post.domain.ArchivedPost;
import dev.skylog.archive.post.domain.PostQuery;
import dev.skylog.archive.post.persistence.PostFinder;
import dev.skylog.archive.profile.domain.ArchivedProfile;
import dev.skylog.archive.profile.persistence.ProfileStore;
import dev.skylog.archive.sync.domain.SyncState;
import dev.skylog.archive.sync.persistence.SyncStateStore;
import dev.skylog.events.post.PostKind;

/** The original design's {@code showProfile}: the profile and the newest 50 posts, plus counts and sync state. */
@RestController
@Tag(name = "Archive", description = "An account's archive")
public class ArchiveController {

	static final int NEWEST = 50;

	private final ArchiveAccess access;

	private final ProfileStore profiles;

	private final PostFinder posts;

	private final LikeFinder likes;

	private final SyncStateStore syncs;

	public ArchiveController(ArchiveAccess access, ProfileStore profiles, PostFinder posts, LikeFinder likes,
			SyncStateStore syncs) {
		this.access = access;
		this.profiles = profiles;
		this.posts = posts;
		this.likes = likes;
		this.syncs = syncs;
	}

	@GetMapping("/api/archive/{handle}")
	@Operation(summary = "Profile, counts, sync state and the newest 50 posts of an archive (handle or DID)")
	Mono<ArchiveOverview> overview(@PathVariable String handle, @AuthenticationPrincipal Jwt session) {
		Viewer viewer = Viewer.of(session);
		return this.access.readable(handle, viewer).flatMap((account) -> {
			String did = account.did();
			Mono<Optional<ArchivedProfile>> profile = this.profiles.find(did).map(Optional::of)
				.defaultIfEmpty(Optional.empty());
			Mono<Optional<SyncState>> sync = this.syncs.find(did).map(Optional::of).defaultIfEmpty(Optional.empty());
			Mono<Optional<Long>> likeCount = viewer.owns(account) ? this.likes.count(did).map(Optional::of)
					: Mono.just(Optional.empty());
			Mono<List<ArchivedPost>> newest = this.posts.find(did, PostQuery.newest(NEWEST)).take(NEWEST).collectList();
			Mono<Optional<Instant>> first = this.posts.firstPostAt(did).map(Optional::of)
				.defaultIfEmpty(Optional.empty());
			return Mono.zip(profile, sync, this.posts.countsByKind(did), likeCount, newest, first)
				.map((parts) -> overview(account, parts.getT1().orElse(null), parts.getT2().orElse(null),
						counts(parts.getT3(), parts.getT4().orElse(null), parts.getT6().orElse(null), parts.getT5()),
						parts.getT5()));
		});
	}

	private static ArchiveOverview overview(ArchiveAccount account, ArchivedProfile profile, SyncState sync,
			ArchiveOverview.Counts counts, List<ArchivedPost> newest) {
		boolean noIndex = profile != null && profile.labels().contains("!no-unauthenticated");
		return new ArchiveOverview(account.did(), (profile != null) ? profile.handle() : account.handle(),
				account.timeZone().getId(), account.visibility().name(), account.allowCrawlers(), noIndex, profile,
				counts, sync, newest);
	}

	private static ArchiveOverview.Counts counts(Map<PostKind, Long> byKind, Long likes, Instant first,
			List<ArchivedPost> newest) {
		long total = byKind.values().stream().mapToLong(Long::longValue).sum();
		Instant last = newest.isEmpty() ? null : newest.get(0).sortAt();
		return new ArchiveOverview.Counts(byKind.getOrDefault(PostKind.POST, 0L),
				byKind.getOrDefault(PostKind.REPLY, 0L), byKind.getOrDefault(PostKind.QUOTE, 0L),
				byKind.getOrDefault(PostKind.REPOST, 0L), total, likes, first, last);
	}

}
