package dev.skylog.events.kafka;

import java.util.Set;

/**
 * A consumer could not reach its own database: the records are fine and must not be dead-lettered. The error
 * handler retries them until the database answers again, however long that takes (see
 * {@code EventKafkaAutoConfiguration#kafkaErrorHandler}); the consumer's lag and its readiness show the outage
 * meanwhile.
 */
public class StorageOutage extends RuntimeException {

	// Named, not imported: this library does not depend on R2DBC, and Spring's own translations of R2DBC errors
	// (DataAccessResourceFailureException, …) are not the only shape they reach a listener in.
	private static final Set<String> OUTAGES = Set.of("org.springframework.dao.DataAccessResourceFailureException",
			"org.springframework.dao.TransientDataAccessException",
			"org.springframework.transaction.CannotCreateTransactionException",
			"io.r2dbc.spi.R2dbcTransientException", "io.r2dbc.spi.R2dbcNonTransientResourceException",
			"java.io.IOException", "java.util.concurrent.TimeoutException");

	public StorageOutage(Throwable cause) {
		super("the database did not answer: " + cause.getMessage(), cause);
	}

	/** Whether a failure anywhere in {@code failure}'s causes is the database being unreachable. */
	public static boolean isOutage(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
				if (OUTAGES.contains(type.getName())) {
					return true;
				}
			}
		}
		return false;
	}

}
