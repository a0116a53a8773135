package dev.skylog.scheduler;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SyncSchedulerApplication {

	public static void main(String[] args) {
		SpringApplication.run(SyncSchedulerApplication.class, args);
	}

}
