package dev.skylog.archive.like.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import dev.skylog.archive.account.domain.ArchiveAccess;
import dev.skylog.archive.account.domain.Viewer;
import dev.skylog.archive.like.domain.LikePage;
import dev.skylog.archive.like.persistence.LikeFinder;
import dev.skylog.archive.post.domain.PostCursor;
import dev.skylog.archive.post.web.PostFilters;

/** What an account liked: the owner's alone, whatever the archive's visibility. */
@RestController
@Tag(name = "Archive likes", description = "Posts the account liked (owner only)")
public class LikeController {

	private final ArchiveAccess access;

	private final LikeFinder likes;

	public LikeController(ArchiveAccess access, LikeFinder likes) {
		this.access = access;
		this.likes = likes;
	}

	@GetMapping("/api/archive/{handle}/likes")
	@Operation(summary = "A page of the account's likes, newest first, with the liked posts (the owner only)")
	Mono<LikePage> likes(@PathVariable String handle, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit, @AuthenticationPrincipal Jwt session) {
		int size = PostFilters.pageSize(limit);
		PostCursor after = (cursor != null && !cursor.isBlank()) ? PostCursor.decode(cursor) : null;
		return this.access.ownedBy(handle, Viewer.of(session))
			.flatMap((account) -> this.likes.newest(account.did(), after, size).collectList())
			.map((found) -> LikePage.of(found, size));
	}

}
