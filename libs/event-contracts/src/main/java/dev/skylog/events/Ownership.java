package dev.skylog.events;

import java.util.Optional;

import dev.skylog.events.like.LikeEvent;
import dev.skylog.events.post.PostEvent;
import dev.skylog.events.post.PostFetched;
import dev.skylog.events.post.PostKind;

/**
 * Whose record an event may write. The fetcher builds events from what a PDS answered, and anyone can run a
 * PDS: an answer that names another account's records must not reach that account's rows. An event may only
 * carry records of its own account: the repository in its record's AT URI is the event's DID, and so is the
 * Kafka key the event travels under (the partition, and so the order, of that account).
 *
 * <p>Only the record's <em>own</em> URI is checked: the subjects of likes and reposts, quoted posts and reply
 * parents name other accounts by design.
 */
public final class Ownership {

	private Ownership() {
	}

	/** Why {@code event}, read under {@code key}, must not be applied; empty when it may. */
	public static Optional<String> violation(String key, SkylogEvent event) {
		if (key != null && !key.equals(event.did())) {
			return Optional.of(event.getClass().getSimpleName() + " of one account under another account's key");
		}
		if (event instanceof PostEvent || event instanceof LikeEvent) {
			String uri = ((RecordEvent) event).uri();
			if (!event.did().equals(Dids.authority(uri))) {
				return Optional.of(event.getClass().getSimpleName() + " names a record of another repository");
			}
		}
		if (event instanceof PostFetched post && post.kind() != PostKind.REPOST
				&& !(post.uri().equals(post.content().uri()) && post.did().equals(post.content().authorDid()))) {
			return Optional.of("PostFetched whose content is not the post it names");
		}
		return Optional.empty();
	}

}
