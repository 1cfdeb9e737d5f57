package dev.pmgate.pipeline;

/** Which door a request came in by; set by the entry point's reader as {@link Pipeline#ENTRY}. */
public enum Entry {
    /** An HTTP request to {@code /api/v1} (RestRequestReader, and ping for its own request). */
    REST,
    /** A record on the request topic (KafkaRequestReader): plaintext credentials only when allowed, no tenant rate limit. */
    KAFKA,
    /**
     * Ping's signed probe of one exchange, sent through the pipeline on behalf of a REST ping: treated as REST
     * (rate limit, plaintext credentials, the {@code rest} metric tag).
     */
    PING
}
