package dev.skylog.archive.like.domain;

import java.util.List;

import dev.skylog.archive.post.domain.PostCursor;

/** A page of likes, newest first; {@code nextCursor} is null on the last page. */
public record LikePage(List<ArchivedLike> likes, String nextCursor) {

	public static LikePage of(List<ArchivedLike> fetched, int limit) {
		if (fetched.size() <= limit) {
			return new LikePage(fetched, null);
		}
		ArchivedLike last = fetched.get(limit - 1);
		return new LikePage(List.copyOf(fetched.subList(0, limit)),
				new PostCursor(last.likedAt(), last.uri()).encode());
	}

}
