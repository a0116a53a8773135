package dev.skylog.events.post;

import dev.skylog.events.SkylogEvent;

/** The value type of {@code Topics.POSTS}: a post arrives, or goes. */
public sealed interface PostEvent extends SkylogEvent permits PostFetched, PostDeleted {

	/** The AT URI of the post (or repost) record; the identity consumers upsert and delete by. */
	String uri();

}
