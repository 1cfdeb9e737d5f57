package dev.pmgate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmgate.config.PmgateProperties;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every setting pmgate reads is in the "## Configuration" table of docs/api.md: each property of
 * {@link PmgateProperties} and of every other {@code @ConfigurationProperties} record under {@code dev.pmgate}
 * (e.g. an exchange package's {@code pmgate.<exchange>.*}), as its kebab-case name, its dotted path or the
 * environment variable application.yaml maps onto it, and every environment variable application.yaml names.
 */
class ConfigurationIsDocumentedTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");

    /** Leaf settings of a properties record, as dotted kebab-case paths ("pmgate.kafka.dlq-topic"). */
    static List<String> leaves(Class<?> type, String prefix) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            String path = prefix + "." + kebab(c.getName());
            if (c.getType().isRecord()) {
                out.addAll(leaves(c.getType(), path));
            } else {
                out.add(path);
            }
        }
        return out;
    }

    /** Leaf settings of every {@code @ConfigurationProperties} record of pmgate, {@link PmgateProperties} first. */
    static List<String> allLeaves() {
        List<String> out = new ArrayList<>(leaves(PmgateProperties.class, "pmgate"));
        var scanner = new org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new org.springframework.core.type.filter.AnnotationTypeFilter(
                org.springframework.boot.context.properties.ConfigurationProperties.class));
        scanner.findCandidateComponents("dev.pmgate").stream()
                .map(d -> d.getBeanClassName())
                .filter(name -> !name.equals(PmgateProperties.class.getName()))
                .sorted()
                .forEach(name -> {
                    try {
                        Class<?> type = Class.forName(name);
                        var annotation = type.getAnnotation(
                                org.springframework.boot.context.properties.ConfigurationProperties.class);
                        String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
                        if (type.isRecord()) {
                            out.addAll(leaves(type, prefix));
                        }
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                });
        return out;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** The environment variable application.yaml maps onto a dotted path, if any. */
    @SuppressWarnings("unchecked")
    static String variableOf(Map<String, Object> yaml, String path) {
        Object node = yaml;
        for (String key : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = ((Map<String, Object>) map).get(key);
        }
        if (node instanceof String value) {
            Matcher m = PLACEHOLDER.matcher(value);
            return m.find() ? m.group(1) : null;
        }
        return null;
    }

    static List<String> undocumented(Map<String, Object> yaml, String yamlText, String configSection) {
        Set<String> names = ApiDocsChecker.codeNames(configSection);
        List<String> missing = new ArrayList<>();
        for (String path : allLeaves()) {
            String last = path.substring(path.lastIndexOf('.') + 1);
            String variable = variableOf(yaml, path);
            if (!names.contains(path) && !names.contains(last) && (variable == null || !names.contains(variable))) {
                missing.add(path + (variable == null ? "" : " (" + variable + ")"));
            }
        }
        Matcher m = PLACEHOLDER.matcher(yamlText);
        while (m.find()) {
            String variable = m.group(1);
            if (!names.contains(variable)
                    && missing.stream().noneMatch(x -> x.equals(variable) || x.endsWith("(" + variable + ")"))) {
                missing.add(variable);
            }
        }
        return missing;
    }

    @Test
    void everySettingIsInTheConfigurationTable() {
        String yamlText = DocsAgreeWithOpenApiTest.read("src/main/resources/application.yaml");
        Map<String, Object> yaml = new Yaml().load(yamlText);
        String section = ApiDocsChecker.section(DocsAgreeWithOpenApiTest.read("docs/api.md"), "## Configuration");
        assertThat(section).as("docs/api.md has a '## Configuration' section").isNotNull();

        assertThat(allLeaves())
                .as("the properties walk sees the settings")
                .contains(
                        "pmgate.api-keys",
                        "pmgate.kafka.dlq-topic",
                        "pmgate.resilience.circuit-breaker.open-ms",
                        "pmgate.kalshi.base-url",
                        "pmgate.kalshi.rsa-provider",
                        "pmgate.polymarket.chain-id",
                        "pmgate.polymarket.market-cache-seconds");
        List<String> missing = undocumented(yaml, yamlText, section);
        assertThat(missing)
                .as("settings missing from '## Configuration' in docs/api.md:\n  " + String.join("\n  ", missing))
                .isEmpty();
    }

    @Test
    void aSettingOrVariableLeftOutIsReported() {
        String yamlText = DocsAgreeWithOpenApiTest.read("src/main/resources/application.yaml");
        Map<String, Object> yaml = new Yaml().load(yamlText);
        String doctored = String.join(
                "\n",
                DocsAgreeWithOpenApiTest.read("docs/api.md")
                        .lines()
                        .filter(l -> !l.startsWith("| `PMGATE_UPSTREAM_TIMEOUT_MS`")
                                && !l.startsWith("| `SERVER_PORT`")
                                && !l.startsWith("| `pmgate.max-credentials-bytes`"))
                        .toList());
        assertThat(undocumented(yaml, yamlText, ApiDocsChecker.section(doctored, "## Configuration")))
                .containsExactly(
                        "pmgate.upstream-timeout-ms (PMGATE_UPSTREAM_TIMEOUT_MS)",
                        "pmgate.max-credentials-bytes",
                        "SERVER_PORT");
    }
}
