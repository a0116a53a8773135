package dev.skylog.archive.post.domain;

import java.util.List;

/** A page of posts; {@code nextCursor} is null on the last page. */
public record PostPage(List<ArchivedPost> posts, String nextCursor) {

	public static PostPage of(List<ArchivedPost> fetched, int limit) {
		if (fetched.size() <= limit) {
			return new PostPage(fetched, null);
		}
		List<ArchivedPost> page = fetched.subList(0, limit);
		return new PostPage(List.copyOf(page), page.get(limit - 1).cursor().encode());
	}

}
