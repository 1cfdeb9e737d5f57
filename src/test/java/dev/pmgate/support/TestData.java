package dev.pmgate.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the repository's own test data from the test classpath ({@code src/test/resources}):
 * signing vectors under {@code vectors/} and recorded exchange answers under {@code fixtures/}.
 * Where each file came from is written in the README beside it.
 */
public final class TestData {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestData() {}

    public static JsonNode json(String relativePath) {
        try {
            return MAPPER.readTree(text(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String relativePath) {
        try (InputStream in = TestData.class.getClassLoader().getResourceAsStream(relativePath)) {
            if (in == null) {
                throw new IllegalStateException("test resource not found: " + relativePath);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
