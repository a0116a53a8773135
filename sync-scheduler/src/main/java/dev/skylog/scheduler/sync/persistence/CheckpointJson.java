package dev.skylog.scheduler.sync.persistence;

import tools.jackson.databind.json.JsonMapper;

import dev.skylog.events.EventJson;
import dev.skylog.events.sync.SyncCheckpoint;

/**
 * The checkpoint column: {@link SyncCheckpoint} as JSON, written by the same mapper as the events. The scheduler
 * only stores and hands back what the fetcher reported, so a field the fetcher adds to the checkpoint reaches
 * the next request without a migration here.
 */
final class CheckpointJson {

	private static final JsonMapper json = EventJson.mapper();

	private CheckpointJson() {
	}

	static String write(SyncCheckpoint checkpoint) {
		return json.writeValueAsString((checkpoint != null) ? checkpoint : SyncCheckpoint.empty());
	}

	static SyncCheckpoint read(String value) {
		return (value == null || value.isBlank()) ? SyncCheckpoint.empty() : json.readValue(value, SyncCheckpoint.class);
	}

}
