package dev.pmgate.security;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Stack traces with secrets masked in exception messages (a library may quote its input). */
public class RedactingThrowableConverter extends ExtendedThrowableProxyConverter {

    @Override
    public String convert(ILoggingEvent event) {
        String text = super.convert(event);
        return text == null || text.isEmpty() ? "" : Redactor.redact(text) + System.lineSeparator();
    }
}
