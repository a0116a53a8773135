package dev.skylog.events.like;

import dev.skylog.events.SkylogEvent;

/** The value type of {@code Topics.LIKES}. */
public sealed interface LikeEvent extends SkylogEvent permits LikeFetched, LikeDeleted {

	/** The AT URI of the like record. */
	String uri();

}
