package dev.skylog.archive.post.domain;

import java.time.Instant;

import dev.skylog.events.post.PostContent;
import dev.skylog.events.post.PostKind;

/**
 * One entry of the archive. For a repost {@code post} is the reposted post (someone else's) and
 * {@code createdAt} is when the account reposted it.
 *
 * @param rkey the record key, what {@code DELETE …/posts/{rkey}} takes
 */
public record ArchivedPost(String uri, String rkey, PostKind kind, Instant createdAt, Instant sortAt,
		PostContent post) {

	public PostCursor cursor() {
		return new PostCursor(this.sortAt, this.uri);
	}

}
