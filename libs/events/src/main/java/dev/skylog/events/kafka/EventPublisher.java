package dev.skylog.events.kafka;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import dev.skylog.events.SkylogEvent;
import dev.skylog.events.TopicSpec;
import dev.skylog.events.Topics;

/**
 * Sends events to their topic keyed by the account's DID. The only way services publish, so no event ever
 * lands on the wrong topic or under another key.
 */
public class EventPublisher {

	private static final Executor COMPLETIONS = Executors.newThreadPerTaskExecutor(
			Thread.ofVirtual().name("event-published-", 0).factory());

	private final KafkaTemplate<String, SkylogEvent> template;

	public EventPublisher(KafkaTemplate<String, SkylogEvent> template) {
		this.template = template;
	}

	/** Sends an event to the topic {@link Topics} names for its type. */
	public CompletableFuture<SendResult<String, SkylogEvent>> publish(SkylogEvent event) {
		return publish(Topics.of(event), event);
	}

	/**
	 * Completes when the broker acknowledged the record (or failed to). The future completes off the producer's
	 * I/O thread, with success and failure alike:
	 * whatever a caller chains on it may send again, and a send from that thread for a topic whose metadata is
	 * not cached yet would wait for the very thread it blocks (until {@code max.block.ms}).
	 */
	public <V extends SkylogEvent> CompletableFuture<SendResult<String, SkylogEvent>> publish(TopicSpec<? super V> topic,
			V event) {
		return this.template.send(topic.name(), event.did(), event).whenCompleteAsync((result, failure) -> {
		}, COMPLETIONS);
	}

}
