package dev.pmgate;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PmgateApplication {

    static final String ROUTES_PATTERN = "camel.main.routes-include-pattern";

    public static void main(String[] args) {
        useBundledRoutesWhenNoFolder();
        SpringApplication.run(PmgateApplication.class, args);
    }

    /**
     * The routes an integrator edits live in {@code routes/} (or {@code PMGATE_ROUTES_DIR}) and are
     * loaded from there; a jar started where no such folder exists uses the copy packaged inside it.
     */
    static void useBundledRoutesWhenNoFolder() {
        String dir = System.getenv().getOrDefault("PMGATE_ROUTES_DIR", "routes");
        if (System.getProperty(ROUTES_PATTERN) == null
                && System.getenv("CAMEL_MAIN_ROUTESINCLUDEPATTERN") == null
                && !Files.isDirectory(Path.of(dir))) {
            System.setProperty(ROUTES_PATTERN, "classpath:routes/*.yaml");
        }
    }
}
