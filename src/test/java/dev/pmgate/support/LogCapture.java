package dev.pmgate.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event as it would be printed (message, arguments and stack traces) so tests
 * can scan all log output for secrets. Attached to the root logger, so it sees every library too.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> {

    private static final String NAME = "pmgate-test-capture";
    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

    public static synchronized LogCapture install() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(NAME) instanceof LogCapture existing) {
            return existing;
        }
        LogCapture capture = new LogCapture();
        capture.setName(NAME);
        capture.setContext(context);
        capture.start();
        root.addAppender(capture);
        return capture;
    }

    /**
     * Built from the raw event, not through a pattern: the context's pattern rules include the
     * redacting converters, and the canary scans must see what code tried to log, before the
     * safety net masks it.
     */
    @Override
    protected void append(ILoggingEvent event) {
        StringBuilder line = new StringBuilder()
                .append(event.getLevel())
                .append(' ')
                .append(event.getLoggerName())
                .append(' ')
                .append(event.getMDCPropertyMap())
                .append(' ')
                .append(event.getFormattedMessage());
        if (event.getThrowableProxy() != null) {
            line.append('\n').append(ch.qos.logback.classic.spi.ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        lines.add(line.append('\n').toString());
    }

    public List<String> lines() {
        return new ArrayList<>(lines);
    }

    public String all() {
        return String.join("", lines);
    }

    /** Re-attaches after a Spring context start has reset logback's configuration. */
    public void reattach() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(NAME) == null) {
            if (!isStarted()) {
                start();
            }
            root.addAppender(this);
        }
    }
}
