package dev.skylog.stats;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

import dev.skylog.stats.rebuild.domain.RebuildCommandLine;

@SpringBootApplication
@ConfigurationPropertiesScan
public class StatsServiceApplication {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(StatsServiceApplication.class, args);
		// The command-line rebuild is done once run() returns: exit with its outcome instead of serving.
		if (!context.getBeansOfType(RebuildCommandLine.class).isEmpty()) {
			System.exit(SpringApplication.exit(context));
		}
	}

}
