package dev.skylog.fetcher.sync;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param overlap how far below the newest post already archived a sync looks again: the author feed is ordered
 * by Bluesky's sort time, and a post indexed late (AppView lag) can sort just below what the last sync saw
 */
@ConfigurationProperties("skylog.fetcher.sync")
public record SyncProperties(@DefaultValue("10m") Duration overlap) {

}
