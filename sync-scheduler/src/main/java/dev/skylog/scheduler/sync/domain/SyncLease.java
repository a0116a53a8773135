package dev.skylog.scheduler.sync.domain;

import java.time.Instant;
import java.util.UUID;

import dev.skylog.events.sync.SyncCheckpoint;

/**
 * An account handed to the fetcher until {@code expiresAt}.
 *
 * @param syncId the lease's id, which the fetcher's reports must carry to count
 * @param expiredLeaseId the lease this one replaced because it ran out without a report; {@code null} if none
 */
public record SyncLease(String did, UUID syncId, Instant expiresAt, SyncCheckpoint checkpoint, UUID expiredLeaseId) {

}
