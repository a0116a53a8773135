package dev.skylog.archive.like.domain;

import java.time.Instant;

import dev.skylog.events.post.PostContent;

/** A post the account liked; {@code post} is null when it was already gone when the like was fetched. */
public record ArchivedLike(String uri, String subjectUri, Instant likedAt, PostContent post) {
}
