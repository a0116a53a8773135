package dev.skylog.auth.config;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * BlockHound watches this module's tests: a call that blocks a non-blocking thread fails the test that made it, so
 * a blocking send or query on an event loop cannot reach main unnoticed.
 */
class EventLoopBlockingTest {

	@Test
	void aBlockingCallOnANonBlockingThreadFailsTheTest() {
		Mono<Long> sleeping = Mono.delay(Duration.ofMillis(1)).doOnNext((tick) -> {
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		assertThatThrownBy(sleeping::block).hasRootCauseInstanceOf(BlockingOperationError.class)
			.rootCause()
			.hasMessageContaining("java.lang.Thread.sleep");
	}

	@Test
	void whatSkylogAllowsOnAnEventLoopPasses() {
		assertThat(Mono.delay(Duration.ofMillis(1)).map((tick) -> UUID.randomUUID()).block()).isNotNull();
	}

}
