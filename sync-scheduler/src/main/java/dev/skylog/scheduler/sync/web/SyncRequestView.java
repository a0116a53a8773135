package dev.skylog.scheduler.sync.web;

import java.time.Instant;
import java.util.UUID;

import dev.skylog.events.sync.SyncRequested;

/** A sync requested through the API: its id is what the fetcher's reports will carry. */
public record SyncRequestView(String did, UUID syncId, Instant leaseExpiresAt) {

	static SyncRequestView of(SyncRequested request) {
		return new SyncRequestView(request.did(), request.syncId(), request.leaseExpiresAt());
	}

}
