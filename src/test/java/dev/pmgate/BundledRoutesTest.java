package dev.pmgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The jar's route list names exactly the files in routes/, each of which the build packages. */
class BundledRoutesTest {

    @Test
    void theBundledRouteListIsTheRoutesFolder() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            assertThat(PmgateApplication.BUNDLED_ROUTES)
                    .containsExactlyInAnyOrderElementsOf(
                            files.map(p -> p.getFileName().toString())
                                    .filter(name -> name.endsWith(".yaml"))
                                    .toList());
        }
        for (String name : PmgateApplication.BUNDLED_ROUTES) {
            assertThat(getClass().getResource("/routes/" + name))
                    .as("packaged: " + name)
                    .isNotNull();
        }
        assertThat(PmgateApplication.bundledRoutesPattern())
                .startsWith("classpath:routes/error-handling.camel.yaml,classpath:routes/")
                .doesNotContain("*");
    }
}
