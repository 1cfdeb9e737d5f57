package dev.pmgate.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answer of the fake, in one of the body shapes Kalshi uses (docs/exchanges.md K7):
 * nested {@code {"error":{code,message,details?}}}, flat {@code {code,message,details}},
 * bare {@code {"msg":…}} and plain text (router 404).
 */
final class KalshiApiError extends RuntimeException {
    enum Shape {
        NESTED,
        FLAT,
        BARE,
        TEXT
    }

    final int status;
    final Shape shape;
    final String code;
    final String errorMessage;
    final String details;
    /** Exchange-side errors carried {@code "service":"exchange"} until Kalshi dropped the field (2026-08-06). */
    final boolean exchangeService;

    private KalshiApiError(
            int status, Shape shape, String code, String message, String details, boolean exchangeService) {
        super(status + " " + code + (details == null ? "" : ": " + details), null, false, false);
        this.status = status;
        this.shape = shape;
        this.code = code;
        this.errorMessage = message;
        this.details = details;
        this.exchangeService = exchangeService;
    }

    static KalshiApiError nested(int status, String code, String message, String details) {
        return new KalshiApiError(status, Shape.NESTED, code, message, details, false);
    }

    /** Nested error raised by the matching engine (had {@code service:"exchange"} on the recorded wire). */
    static KalshiApiError exchange(int status, String code, String message) {
        return new KalshiApiError(status, Shape.NESTED, code, message, null, true);
    }

    static KalshiApiError flat(int status, String code, String message, String details) {
        return new KalshiApiError(status, Shape.FLAT, code, message, details, false);
    }

    static KalshiApiError badRequest(String details) {
        return flat(400, "bad_request", "bad request", details);
    }

    static KalshiApiError bare(int status, String msg) {
        return new KalshiApiError(status, Shape.BARE, null, msg, null, false);
    }

    static KalshiApiError text(int status, String text) {
        return new KalshiApiError(status, Shape.TEXT, null, text, null, false);
    }

    static KalshiApiError invalidOrder(String details) {
        return nested(400, "invalid_order", "invalid order", details);
    }

    static KalshiApiError notFound() {
        return exchange(404, "not_found", "not found");
    }

    /** The error object of one item of a batched answer: {@code {code, message, details?}}. */
    Map<String, Object> itemError() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code == null ? "bad_request" : code);
        m.put("message", errorMessage);
        if (details != null) {
            m.put("details", details);
        }
        return m;
    }

    /** JSON-ready body (a Map), or a String for {@link Shape#TEXT}. */
    Object body(boolean includeServiceField) {
        switch (shape) {
            case TEXT:
                return errorMessage;
            case BARE:
                return Map.of("msg", errorMessage);
            case FLAT: {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("code", code);
                m.put("message", errorMessage);
                m.put("details", details == null ? "" : details);
                return m;
            }
            default: {
                Map<String, Object> inner = new LinkedHashMap<>();
                inner.put("code", code);
                inner.put("message", errorMessage);
                if (details != null) {
                    inner.put("details", details);
                }
                if (exchangeService && includeServiceField) {
                    inner.put("service", "exchange");
                }
                return Map.of("error", inner);
            }
        }
    }
}
