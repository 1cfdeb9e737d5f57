package dev.pmgate.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Turns whole library trees up to TRACE for a block, as an operator chasing a problem would
 * ({@code LOGGING_LEVEL_ORG_APACHE=TRACE}), and restores the previous levels on close. Loggers with an
 * explicit level of their own (the gateway's pins in application.yaml) keep it, exactly as with Spring's
 * {@code logging.level.*}. SPEC §3 invariant 4 says "a log line at any level".
 */
public final class DebugLogging implements AutoCloseable {

    /** The trees that see raw HTTP traffic: servlet container, Spring MVC, Camel, the upstream HTTP client, pmgate. */
    public static final String[] HTTP_TREES = {
        "org.apache.catalina",
        "org.apache.coyote",
        "org.apache.tomcat",
        "org.springframework.web",
        "org.springframework.boot.web",
        "org.apache.camel",
        "org.apache.hc",
        "dev.pmgate"
    };

    private final Map<Logger, Level> previous = new LinkedHashMap<>();
    /** Tomcat logs through java.util.logging: raise those too (held strongly, JUL keeps loggers weakly). */
    private final Map<java.util.logging.Logger, java.util.logging.Level> previousJul = new LinkedHashMap<>();

    private DebugLogging(String... names) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : names) {
            Logger logger = context.getLogger(name);
            previous.put(logger, logger.getLevel());
            logger.setLevel(Level.TRACE);
            java.util.logging.Logger jul = java.util.logging.Logger.getLogger(name);
            previousJul.put(jul, jul.getLevel());
            jul.setLevel(java.util.logging.Level.FINEST);
        }
    }

    public static DebugLogging trace(String... names) {
        return new DebugLogging(names);
    }

    public static DebugLogging httpTreesAtTrace() {
        return trace(HTTP_TREES);
    }

    @Override
    public void close() {
        previous.forEach(Logger::setLevel);
        previousJul.forEach(java.util.logging.Logger::setLevel);
    }
}
