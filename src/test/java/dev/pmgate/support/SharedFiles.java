package dev.pmgate.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the team's read-only reference data in {@code ../shared} (vectors, recorded fixtures). */
public final class SharedFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SharedFiles() {
    }

    public static Path root() {
        String configured = System.getProperty("pmgate.shared.dir");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "shared");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("shared reference folder not found at " + root.toAbsolutePath());
        }
        return root;
    }

    public static JsonNode json(String relativePath) {
        try {
            return MAPPER.readTree(root().resolve(relativePath).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String relativePath) {
        try {
            return Files.readString(root().resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
