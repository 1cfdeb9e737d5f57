package dev.pmgate.kalshi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmgate.api.Operation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** routes/kalshi.camel.yaml: one route per operation, reached by its wire name; state in named properties. */
class KalshiRoutesTest {

    private static final Path FILE = Path.of("routes/kalshi.camel.yaml");

    /** The endpoints the file's routes and route-template instances consume from. */
    @SuppressWarnings("unchecked")
    private static Set<String> consumedUris() throws IOException {
        List<Map<String, Object>> items = new Yaml().load(Files.readString(FILE));
        Set<String> uris = new HashSet<>();
        for (Map<String, Object> item : items) {
            if (item.get("route") instanceof Map<?, ?> route) {
                uris.add((String) ((Map<String, Object>) route.get("from")).get("uri"));
            }
            if (item.get("templatedRoute") instanceof Map<?, ?> instance) {
                List<Map<String, Object>> parameters = (List<Map<String, Object>>) instance.get("parameters");
                parameters.stream()
                        .filter(p -> "operation".equals(p.get("name")))
                        .forEach(p -> uris.add("direct:kalshi-" + p.get("value")));
            }
        }
        return uris;
    }

    @Test
    void everyOperationIsARouteNamedByItsWireName() throws IOException {
        List<String> expected = new ArrayList<>(Arrays.stream(Operation.values())
                .map(op -> "direct:kalshi-" + op.wireName())
                .toList());
        expected.add("direct:kalshi");

        assertThat(consumedUris()).containsAll(expected);
    }

    @Test
    void routesBranchOnPredicatesAndCarryNamedState() throws IOException {
        String text = Files.readString(FILE);

        assertThat(text).doesNotContain("${body} is", "pmgateStash", "pmgateOperation}");
        assertThat(text).contains("name: " + KalshiState.ORDER_TO_CANCEL, "name: " + KalshiState.POSITION_PRICING);
    }
}
