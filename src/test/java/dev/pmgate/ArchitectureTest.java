package dev.pmgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package layers of docs/architecture.md, read from the main sources: a package uses only packages of
 * lower layers (and itself), never one of its own layer or above; {@code api} is the pure model, without Camel.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/dev/pmgate");

    /** Lowest first; packages on one line are one layer and do not use each other. */
    static final List<List<String>> LAYERS = List.of(
            List.of("config"),
            List.of("api"),
            List.of("security"),
            List.of("credentials"),
            List.of("upstream"),
            List.of("resilience"),
            List.of("pipeline"),
            List.of("marketdata"),
            List.of("kalshi", "polymarket"),
            List.of("rest", "kafka", "web"),
            List.of("sandbox"));

    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.pmgate\\.([a-z][a-z0-9]*)\\b");
    private static final Pattern CAMEL_IMPORT = Pattern.compile("(?m)^import\\s+(static\\s+)?org\\.apache\\.camel\\.");

    @Test
    void everyPackageUsesOnlyLowerLayers() {
        List<String> found = violations();
        assertThat(found)
                .as("references to a package of the same or a higher layer")
                .isEmpty();
    }

    @Test
    void apiIsThePureModel() {
        List<String> camel = new ArrayList<>();
        for (Path file : sources(MAIN.resolve("api"))) {
            if (CAMEL_IMPORT.matcher(code(file)).find()) {
                camel.add(MAIN.relativize(file).toString());
            }
        }
        assertThat(camel).as("api imports Camel").isEmpty();
    }

    @Test
    void everyMainPackageHasALayer() {
        Map<String, Integer> layers = layerOf();
        List<String> unknown = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(MAIN)) {
            dirs.filter(Files::isDirectory)
                    .map(d -> d.getFileName().toString())
                    .filter(p -> !layers.containsKey(p))
                    .forEach(unknown::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(unknown).as("packages missing from ArchitectureTest.LAYERS").isEmpty();
    }

    /** Every reference that breaks the layers, as {@code file -> dev.pmgate.<package>}. */
    static List<String> violations() {
        Map<String, Integer> layers = layerOf();
        List<String> found = new ArrayList<>();
        for (Path file : sources(MAIN)) {
            Path relative = MAIN.relativize(file);
            if (relative.getNameCount() < 2) {
                continue; // PmgateApplication: the root, above every layer
            }
            String own = relative.getName(0).toString();
            Integer ownLayer = layers.get(own);
            TreeSet<String> used = new TreeSet<>();
            Matcher m = REFERENCE.matcher(code(file));
            while (m.find()) {
                used.add(m.group(1));
            }
            for (String other : used) {
                Integer otherLayer = layers.get(other);
                if (other.equals(own) || otherLayer == null || ownLayer == null) {
                    continue;
                }
                if (otherLayer >= ownLayer) {
                    found.add(relative + " -> dev.pmgate." + other);
                }
            }
        }
        return found;
    }

    private static Map<String, Integer> layerOf() {
        Map<String, Integer> layers = new java.util.HashMap<>();
        for (int i = 0; i < LAYERS.size(); i++) {
            for (String p : LAYERS.get(i)) {
                layers.put(p, i);
            }
        }
        return layers;
    }

    private static List<Path> sources(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file without comments and string literals: only code references count. */
    private static String code(Path file) {
        try {
            String s = Files.readString(file);
            s = s.replaceAll("(?s)/\\*.*?\\*/", " ");
            s = s.replaceAll("//[^\\n]*", " ");
            return s.replaceAll("\"(\\\\.|[^\"\\\\\\n])*\"", "\"\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
