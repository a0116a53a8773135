package dev.skylog.events.like;

import dev.skylog.events.RecordEvent;

/** The value type of {@code Topics.LIKES}. */
public sealed interface LikeEvent extends RecordEvent permits LikeFetched, LikeDeleted {

	/** The AT URI of the like record. */
	@Override
	String uri();

}
