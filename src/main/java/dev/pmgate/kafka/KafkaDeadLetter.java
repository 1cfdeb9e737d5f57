package dev.pmgate.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Prepares a dead letter: the original value, no credential (or any inbound) header, and the
 * reason in {@code pmgate-error} / {@code pmgate-error-code}.
 */
class KafkaDeadLetter implements Processor {

    @Override
    public void process(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String code = caught instanceof UnparseableRecordException u ? u.code() : "unprocessable";
        String reason =
                caught instanceof UnparseableRecordException u ? u.getMessage() : "record could not be processed";
        var in = exchange.getIn();
        in.removeHeaders("*");
        in.setHeader("pmgate-error", reason.getBytes(StandardCharsets.UTF_8));
        in.setHeader("pmgate-error-code", code.getBytes(StandardCharsets.UTF_8));
        byte[] original = exchange.getProperty(KafkaRequestReader.ORIGINAL_VALUE, byte[].class);
        in.setBody(original == null ? new byte[0] : original);
    }
}
