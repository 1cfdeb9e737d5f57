package dev.pmgate.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** The untrusted parts of a request as an entry point (REST or Kafka) received them. */
public record EntryRequest(
        String exchange, JsonNode order, String orderId, Map<String, String> query, String idempotencyKey) {}
