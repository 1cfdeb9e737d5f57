package dev.pmgate.kafka;

/** A request record that cannot be answered on the result topic (not JSON, no request_id): dead letter. */
class UnparseableRecordException extends RuntimeException {

    private final String code;

    UnparseableRecordException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
