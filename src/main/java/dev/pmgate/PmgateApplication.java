package dev.pmgate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
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
            System.setProperty(ROUTES_PATTERN, bundledRoutesPattern());
        }
    }

    /**
     * The route files packaged in the jar (copied from {@code routes/} by the build; a test keeps this list equal
     * to that folder). Named one by one because a wildcard ({@code classpath:routes/*.yaml}) makes Camel scan
     * every jar on the class path: ~2.5 s of a 9 s start-up (issue 13).
     */
    static final List<String> BUNDLED_ROUTES = List.of(
            "error-handling.camel.yaml",
            "kafka-requests.camel.yaml",
            "kalshi.camel.yaml",
            "market-data.camel.yaml",
            "pipeline.camel.yaml",
            "polymarket.camel.yaml",
            "rest-api.camel.yaml");

    static String bundledRoutesPattern() {
        return BUNDLED_ROUTES.stream().map(f -> "classpath:routes/" + f).collect(Collectors.joining(","));
    }
}
