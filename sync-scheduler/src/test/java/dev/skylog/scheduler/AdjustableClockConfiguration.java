package dev.skylog.scheduler;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import dev.skylog.testkit.time.AdjustableClock;

/** Puts a clock the test can move in place of the system clock, for leases and due times. */
@TestConfiguration(proxyBeanMethods = false)
public class AdjustableClockConfiguration {

	@Bean
	@Primary
	AdjustableClock adjustableClock() {
		return new AdjustableClock();
	}

}
