package dev.skylog.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.skylog.events.SkylogEvent;
import dev.skylog.events.TopicSpec;
import dev.skylog.events.Topics;
import dev.skylog.events.kafka.EventSerde;
import dev.skylog.events.post.PostFetched;

/** Puts a synthetic history on the topics, the way the fetcher would, before a service is started. */
final class EventLog {

	private EventLog() {
	}

	static void createTopics(String bootstrap) throws ExecutionException, InterruptedException {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			var existing = admin.listTopics().names().get();
			List<NewTopic> topics = Topics.ALL.stream()
				.filter((spec) -> !existing.contains(spec.name()))
				.map((spec) -> new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs()))
				.toList();
			admin.createTopics(topics).all().get();
			// A producer that writes while a new partition's leader is still being elected retries batches the
			// broker already appended, and the broker refuses those as out of sequence: wait for every leader.
			List<String> names = Topics.ALL.stream().map(TopicSpec::name).toList();
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (admin.describeTopics(names).allTopicNames().get().values().stream()
				.flatMap((topic) -> topic.partitions().stream())
				.anyMatch((partition) -> partition.leader() == null || partition.leader().isEmpty())) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("the topics' partitions have no leader after 60 s");
				}
				Thread.sleep(100);
			}
		}
	}

	/** Every event acknowledged, or the first failure: a benchmark over a partial history would measure nothing. */
	static void produce(String bootstrap, SyntheticHistory history, int accounts, int perAccount)
			throws Exception {
		AtomicReference<Exception> failure = new AtomicReference<>();
		Callback failed = (metadata, exception) -> {
			if (exception != null) {
				failure.compareAndSet(null, exception);
			}
		};
		try (var producer = new KafkaProducer<String, SkylogEvent>(Map.of(
				ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ProducerConfig.ACKS_CONFIG, "all",
				ProducerConfig.LINGER_MS_CONFIG, 20,
				ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
				new StringSerializer(), EventSerde.serializer())) {
			for (int account = 0; account < accounts; account++) {
				producer.send(new ProducerRecord<>(Topics.ACCOUNTS.name(), SyntheticHistory.did(account),
						history.account(account)), failed);
			}
			// Oldest first, the order a first sync's pages arrive in reverse: either way, one partition per account.
			for (int index = 0; index < perAccount; index++) {
				for (int account = 0; account < accounts; account++) {
					PostFetched post = history.post(account, index);
					producer.send(new ProducerRecord<>(Topics.POSTS.name(), post.did(), post), failed);
				}
			}
			producer.flush();
		}
		if (failure.get() != null) {
			throw new IllegalStateException("the broker refused an event of the synthetic history", failure.get());
		}
	}

}
