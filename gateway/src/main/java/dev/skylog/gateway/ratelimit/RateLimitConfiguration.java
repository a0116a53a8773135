package dev.skylog.gateway.ratelimit;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock budget windows are counted by: one a test can fix, so a window never turns mid-test. */
@Configuration(proxyBeanMethods = false)
public class RateLimitConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
