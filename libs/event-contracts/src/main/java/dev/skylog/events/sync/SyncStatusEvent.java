package dev.skylog.events.sync;

import java.util.UUID;

import dev.skylog.events.SkylogEvent;

/** What the fetcher reports back about one sync: the value type of {@code Topics.SYNC_STATUS}. */
public sealed interface SyncStatusEvent extends SkylogEvent permits SyncProgress, SyncCompleted, SyncFailed {

	/** The {@link SyncRequested#syncId()} this report answers. */
	UUID syncId();

}
