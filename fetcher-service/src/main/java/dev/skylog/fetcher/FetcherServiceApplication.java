package dev.skylog.fetcher;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class FetcherServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(FetcherServiceApplication.class, args);
	}

}
