package dev.skylog.events.post;

import dev.skylog.events.RecordEvent;

/** The value type of {@code Topics.POSTS}: a post arrives, or goes. */
public sealed interface PostEvent extends RecordEvent permits PostFetched, PostDeleted {

	/** The AT URI of the post (or repost) record; the identity consumers upsert and delete by. */
	@Override
	String uri();

}
