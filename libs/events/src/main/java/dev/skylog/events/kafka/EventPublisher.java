package dev.skylog.events.kafka;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
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

	// KafkaProducer.send blocks while it waits for a topic's metadata or for buffer space (up to max.block.ms):
	// never on a caller's thread, which is often an event loop (Netty's, R2DBC's). One thread, so events are
	// handed to the producer in the order they were published, and the producer keeps that order per partition.
	private final ExecutorService sends = Executors.newSingleThreadExecutor(
			Thread.ofPlatform().name("event-send").daemon().factory());

	public EventPublisher(KafkaTemplate<String, SkylogEvent> template) {
		this.template = template;
	}

	/** Sends what was handed over before (the context closing), then stops the send thread. */
	public void close() throws InterruptedException {
		this.sends.shutdown();
		this.sends.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
	}

	/** Sends an event to the topic {@link Topics} names for its type. */
	public CompletableFuture<SendResult<String, SkylogEvent>> publish(SkylogEvent event) {
		return publish(Topics.of(event), event);
	}

	/**
	 * Completes when the broker acknowledged the record (or failed to); the send itself never runs on the
	 * caller's thread. The future completes off the producer's I/O thread, with success and failure alike:
	 * whatever a caller chains on it may send again, and a send from that thread for a topic whose metadata is
	 * not cached yet would wait for the very thread it blocks (until {@code max.block.ms}).
	 */
	public <V extends SkylogEvent> CompletableFuture<SendResult<String, SkylogEvent>> publish(TopicSpec<? super V> topic,
			V event) {
		return CompletableFuture.supplyAsync(() -> this.template.send(topic.name(), event.did(), event), this.sends)
			.thenCompose((sent) -> sent)
			.whenCompleteAsync((result, failure) -> {
			}, COMPLETIONS);
	}

}
