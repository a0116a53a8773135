package dev.skylog.events.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonDelegatingErrorHandler;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import dev.skylog.events.SkylogEvent;
import dev.skylog.events.TopicSpec;
import dev.skylog.events.Topics;

/**
 * Wires every service's Kafka clients the same way: String DID keys, JSON events read through
 * {@link org.springframework.kafka.support.serializer.ErrorHandlingDeserializer}, failed records retried a
 * few times and then sent to {@code <topic>.dlt} with the reason in the {@code kafka_dlt-*} headers, and the
 * topics of {@link Topics} created with the retention the event log needs.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaAutoConfiguration.class)
@EnableConfigurationProperties(EventKafkaProperties.class)
public class EventKafkaAutoConfiguration {

	/** The header of a dead-lettered record that says, in one line, why it could not be processed. */
	public static final String REASON_HEADER = "skylog-dlt-reason";

	/** Records a consumer gave up on, by the topic they came from: {@code skylog_kafka_dead_letters_total}. */
	public static final String DEAD_LETTERS_METRIC = "skylog.kafka.dead.letters";

	private static final int MAX_REASON_LENGTH = 1000;

	@Bean
	DefaultKafkaProducerFactoryCustomizer skylogEventSerializers(EventKafkaProperties properties) {
		return (factory) -> {
			@SuppressWarnings("unchecked")
			DefaultKafkaProducerFactory<Object, Object> events = (DefaultKafkaProducerFactory<Object, Object>) factory;
			events.updateConfigs(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG,
					(int) properties.sendBlockLimit().toMillis()));
			// Raw bytes too: the dead-letter recoverer republishes records that never deserialized through this
			// same producer.
			events.setKeySerializerSupplier(() -> rawOr(new StringSerializer()));
			events.setValueSerializerSupplier(() -> rawOr(EventSerde.serializer()));
		};
	}

	@Bean
	DefaultKafkaConsumerFactoryCustomizer skylogEventDeserializers() {
		return (factory) -> {
			@SuppressWarnings("unchecked")
			DefaultKafkaConsumerFactory<String, SkylogEvent> events = (DefaultKafkaConsumerFactory<String, SkylogEvent>) factory;
			events.setKeyDeserializerSupplier(StringDeserializer::new);
			events.setValueDeserializerSupplier(EventSerde::tolerantDeserializer);
		};
	}

	@Bean
	@ConditionalOnMissingBean
	EventPublisher eventPublisher(KafkaTemplate<String, SkylogEvent> kafkaTemplate) {
		return new EventPublisher(kafkaTemplate);
	}

	/**
	 * Retries a failing record a few times, then publishes it to {@code <topic>.dlt} through Boot's own
	 * producer (its connection details, TLS and lifecycle). The key picks the dead-letter partition, so a
	 * dead-letter topic need not have as many partitions as its source.
	 *
	 * <p>Except when the consumer's database is down ({@link StorageOutage}): then nothing is wrong with the
	 * records, and dead-lettering them would drop good events from the archive after a one-second blip. Those
	 * are retried with a growing pause (up to 30 s) for as long as it takes. Batches fail at an index
	 * ({@link BatchRecords}), so each attempt seeks back and polls again: the pause stays far below
	 * {@code max.poll.interval.ms}, so the consumer keeps its group, and a rebalance meanwhile loses nothing.
	 */
	@Bean
	@ConditionalOnMissingBean(CommonErrorHandler.class)
	CommonErrorHandler kafkaErrorHandler(KafkaOperations<?, ?> kafkaTemplate, EventKafkaProperties properties,
			ObjectProvider<MeterRegistry> meters) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafkaTemplate,
				(record, exception) -> new TopicPartition(Topics.deadLetterTopic(record.topic()), -1)) {

			@Override
			public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
				super.accept(record, consumer, exception);
				deadLetters(meters.getIfAvailable(() -> Metrics.globalRegistry), record.topic()).increment();
			}

		};
		recoverer.setHeadersFunction((record, exception) -> reasonHeader(exception));
		DefaultErrorHandler poison = new DefaultErrorHandler(recoverer,
				new FixedBackOff(properties.retryInterval().toMillis(), properties.retries()));
		// Another account's record stays foreign however often it is tried.
		poison.addNotRetryableExceptions(ForeignRecord.class);
		ExponentialBackOff untilTheDatabaseAnswers = new ExponentialBackOff(
				properties.retryInterval().toMillis(), 2.0);
		untilTheDatabaseAnswers.setMaxInterval(Duration.ofSeconds(30).toMillis());
		DefaultErrorHandler outage = new DefaultErrorHandler(recoverer, untilTheDatabaseAnswers);
		CommonDelegatingErrorHandler handler = new CommonDelegatingErrorHandler(poison);
		handler.setCauseChainTraversing(true);
		// Record listeners call their store without BatchRecords; Spring's translations mark their outages.
		handler.setErrorHandlers(new LinkedHashMap<>(Map.of(StorageOutage.class, outage,
				DataAccessResourceFailureException.class, outage, TransientDataAccessException.class, outage,
				CannotCreateTransactionException.class, outage)));
		return handler;
	}

	/**
	 * Every topic a listener consumes has its dead-letter and foreign-record counters from the start, at 0, so the
	 * dashboards and the alert on dead-lettered records see a series before the first such record arrives.
	 */
	@Bean
	ApplicationListener<ApplicationStartedEvent> skylogDeadLetterCounters(
			ObjectProvider<KafkaListenerEndpointRegistry> listeners, ObjectProvider<MeterRegistry> meters) {
		return (event) -> listeners.ifAvailable((registry) -> registry.getListenerContainers()
			.stream()
			.map((container) -> container.getContainerProperties().getTopics())
			.filter(java.util.Objects::nonNull)
			.flatMap(Stream::of)
			.forEach((topic) -> {
				deadLetters(meters.getIfAvailable(() -> Metrics.globalRegistry), topic);
				BatchRecords.rejectedCounter(topic);
			}));
	}

	static Counter deadLetters(MeterRegistry meters, String topic) {
		return Counter.builder(DEAD_LETTERS_METRIC)
			.description("Records sent to the topic's dead-letter topic after their retries")
			.tag("topic", topic)
			.register(meters);
	}

	/**
	 * Kafka keeps the configuration a topic was created with; without this an existing replayable topic
	 * (created by hand, or auto-created with the broker's 7-day default) would silently keep deleting history.
	 */
	@Bean
	static BeanPostProcessor skylogTopicConfigsEnforced() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof KafkaAdmin admin) {
					admin.setModifyTopicConfigs(true);
				}
				return bean;
			}
		};
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "skylog.kafka.create-topics", matchIfMissing = true)
	KafkaAdmin.NewTopics skylogTopics(EventKafkaProperties properties) {
		return new KafkaAdmin.NewTopics(Topics.ALL.stream()
			.flatMap((spec) -> Stream.of(topic(spec, properties), deadLetterTopic(spec, properties)))
			.toArray(NewTopic[]::new));
	}

	private static NewTopic topic(TopicSpec<?> spec, EventKafkaProperties properties) {
		return TopicBuilder.name(spec.name())
			.partitions(spec.partitions())
			.replicas(properties.replicationFactor())
			.configs(spec.configs())
			.build();
	}

	// Same partition count as the source topic: the recoverer keeps a record's partition.
	private static NewTopic deadLetterTopic(TopicSpec<?> spec,
			EventKafkaProperties properties) {
		return TopicBuilder.name(spec.deadLetterTopic())
			.partitions(spec.partitions())
			.replicas(properties.replicationFactor())
			.config("retention.ms", Long.toString(properties.deadLetterRetention().toMillis()))
			.build();
	}

	/**
	 * Spring's own headers name the wrapper ("failed to deserialize"); the root cause says what is wrong with
	 * the record, which is what an operator looking at the dead-letter topic needs.
	 */
	static Headers reasonHeader(Exception exception) {
		Throwable root = exception;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String reason = root.getClass().getSimpleName() + ": " + root.getMessage();
		if (reason.length() > MAX_REASON_LENGTH) {
			reason = reason.substring(0, MAX_REASON_LENGTH) + "…";
		}
		return new RecordHeaders().add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
	}

	private static Serializer<Object> rawOr(Serializer<?> serializer) {
		Map<Class<?>, Serializer<?>> delegates = new LinkedHashMap<>();
		delegates.put(byte[].class, new ByteArraySerializer());
		delegates.put(Object.class, serializer);
		return new DelegatingByTypeSerializer(delegates, true);
	}

	/** The broker in the health endpoint as {@code kafka}, where a service's readiness group can include it. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.AbstractHealthIndicator")
	static class BrokerHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "kafkaHealthIndicator")
		KafkaBrokerHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
			return new KafkaBrokerHealthIndicator(kafkaAdmin, Duration.ofMillis(800));
		}

	}

}
