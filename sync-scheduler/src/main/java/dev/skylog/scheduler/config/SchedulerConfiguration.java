package dev.skylog.scheduler.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The clock every lease and due time is measured by (tests move it), and the scheduling rounds run on. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class SchedulerConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
