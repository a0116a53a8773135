package dev.skylog.archive;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ArchiveServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(ArchiveServiceApplication.class, args);
	}

}
