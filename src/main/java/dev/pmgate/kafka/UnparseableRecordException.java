package dev.pmgate.kafka;

/** A request record that cannot be answered on the result topic (not JSON, no request_id): dead letter. */
public class UnparseableRecordException extends RuntimeException {

    private final String code;

    public UnparseableRecordException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
