package dev.skylog.fetcher.sync;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param overlap how far below the newest post already archived a sync looks again: the author feed is ordered
 * by Bluesky's sort time, and a post indexed late (AppView lag) can sort just below what the last sync saw
 * @param maxDuration a sync running longer stops and reports UPSTREAM_UNAVAILABLE (its progress is kept, the next
 * one resumes); must stay below the consumer's {@code max.poll.interval.ms} (30 min), or Kafka would hand the
 * request to another instance while this one still works on it
 */
@ConfigurationProperties("skylog.fetcher.sync")
public record SyncProperties(@DefaultValue("10m") Duration overlap, @DefaultValue("25m") Duration maxDuration) {

}
