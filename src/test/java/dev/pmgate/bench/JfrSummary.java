package dev.pmgate.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording of the gateway (execution samples) and ranks where its Java CPU goes: by the
 * component a sample's code belongs to (JDK frames are charged to the nearest caller outside the JDK,
 * so "Camel" includes the JDK collections and string work Camel calls), by hottest method (top
 * frame), and by inclusive component share (samples with at least one frame of that component).
 */
final class JfrSummary {

    /** Components by class-name prefix, first match wins. */
    private static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("dev.pmgate.", "pmgate");
        COMPONENTS.put("org.apache.camel.", "Camel");
        COMPONENTS.put("org.apache.catalina.", "Tomcat");
        COMPONENTS.put("org.apache.coyote.", "Tomcat");
        COMPONENTS.put("org.apache.tomcat.", "Tomcat");
        COMPONENTS.put("jdk.internal.net.http.", "JDK HTTP client");
        COMPONENTS.put("java.net.http.", "JDK HTTP client");
        COMPONENTS.put("org.apache.hc.", "Apache HTTP client");
        COMPONENTS.put("com.fasterxml.jackson.", "Jackson");
        COMPONENTS.put("tools.jackson.", "Jackson");
        COMPONENTS.put("org.bouncycastle.", "crypto (BC/web3j/ACCP/JCA)");
        COMPONENTS.put("org.web3j.", "crypto (BC/web3j/ACCP/JCA)");
        COMPONENTS.put("com.amazon.corretto.", "crypto (BC/web3j/ACCP/JCA)");
        COMPONENTS.put("sun.security.", "crypto (BC/web3j/ACCP/JCA)");
        COMPONENTS.put("javax.crypto.", "crypto (BC/web3j/ACCP/JCA)");
        COMPONENTS.put("com.nimbusds.", "JOSE (nimbus)");
        COMPONENTS.put("org.apache.kafka.", "Kafka client");
        COMPONENTS.put("ch.qos.logback.", "logging");
        COMPONENTS.put("org.slf4j.", "logging");
        COMPONENTS.put("io.micrometer.", "Micrometer");
        COMPONENTS.put("io.github.resilience4j.", "resilience4j");
        COMPONENTS.put("org.springframework.", "Spring");
    }

    private JfrSummary() {}

    static String summarize(Path recording, String title) throws IOException {
        Map<String, Integer> byComponent = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> byMethod = new HashMap<>();
        Map<String, Integer> byOwnMethod = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (!"jdk.ExecutionSample".equals(e.getEventType().getName()) || e.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            byMethod.merge(name(frames.get(0).getMethod()), 1, Integer::sum);
            String charged = null;
            String chargedMethod = null;
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (RecordedFrame f : frames) {
                String type = f.getMethod().getType().getName();
                String component = component(type);
                if (component != null) {
                    seen.add(component);
                    if (charged == null) {
                        charged = component;
                        chargedMethod = name(f.getMethod());
                    }
                }
            }
            byComponent.merge(charged == null ? "JDK only" : charged, 1, Integer::sum);
            if (chargedMethod != null) {
                byOwnMethod.merge(chargedMethod, 1, Integer::sum);
            }
            seen.forEach(c -> inclusive.merge(c, 1, Integer::sum));
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format("   JFR (%s): %d execution samples%n", title, samples));
        if (samples == 0) {
            return b.toString();
        }
        int total = samples;
        b.append("   by component (JDK frames charged to the nearest non-JDK caller): ");
        top(byComponent, 12)
                .forEach(en -> b.append(String.format("%s %.0f%%; ", en.getKey(), 100.0 * en.getValue() / total)));
        b.append(String.format("%n   inclusive (a frame of it anywhere on the stack): "));
        top(inclusive, 12)
                .forEach(en -> b.append(String.format("%s %.0f%%; ", en.getKey(), 100.0 * en.getValue() / total)));
        b.append(String.format("%n   hottest methods (top frame):%n"));
        top(byMethod, 12)
                .forEach(en ->
                        b.append(String.format("     %5.1f%%  %s%n", 100.0 * en.getValue() / total, en.getKey())));
        b.append(String.format("   hottest non-JDK callers (JDK work charged to them):%n"));
        top(byOwnMethod, 12)
                .forEach(en ->
                        b.append(String.format("     %5.1f%%  %s%n", 100.0 * en.getValue() / total, en.getKey())));
        return b.toString();
    }

    private static List<Map.Entry<String, Integer>> top(Map<String, Integer> counts, int n) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(n)
                .toList();
    }

    private static String component(String type) {
        for (Map.Entry<String, String> e : COMPONENTS.entrySet()) {
            if (type.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String name(RecordedMethod m) {
        return m.getType().getName() + "." + m.getName();
    }
}
