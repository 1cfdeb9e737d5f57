package dev.pmgate;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PmgateApplication {

    public static void main(String[] args) {
        SpringApplication.run(PmgateApplication.class, args);
    }
}
