package dev.skylog.events.kafka;

import java.util.concurrent.CompletableFuture;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import dev.skylog.events.SkylogEvent;
import dev.skylog.events.TopicSpec;

/**
 * Sends events to their topic keyed by the account's DID. The only way services publish, so no event ever
 * lands on the wrong topic or under another key.
 */
public class EventPublisher {

	private final KafkaTemplate<String, SkylogEvent> template;

	public EventPublisher(KafkaTemplate<String, SkylogEvent> template) {
		this.template = template;
	}

	public <V extends SkylogEvent> CompletableFuture<SendResult<String, SkylogEvent>> publish(TopicSpec<V> topic,
			V event) {
		return this.template.send(topic.name(), event.did(), event);
	}

}
