package dev.pmgate.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Parsec SDK's view of pmgate's answers (reference {@code parsec.md}; SPEC §2.2, §8), as a checker: each
 * method lists what a strictly validating SDK client ({@code _strict_response_validation=True}) would refuse —
 * a missing or {@code null} required field, a wrong JSON type, a value outside an enum, an object where an
 * array is expected. An empty list means the SDK model accepts the answer.
 */
public final class ParsecModels {

    /** Parsec's Order status enum, plus {@code expired}, which SPEC §2.2 allows. */
    public static final Set<String> ORDER_STATUS =
            Set.of("pending", "open", "filled", "partially_filled", "cancelled", "rejected", "expired");

    private static final Set<String> SIDES = Set.of("buy", "sell");
    private static final Set<String> EXCHANGES = Set.of("kalshi", "polymarket");

    private ParsecModels() {}

    /** {@code Order}: id str, created_at datetime, filled, market_id, outcome, price, side, size, status; updated_at optional. */
    public static List<String> order(JsonNode o) {
        List<String> errors = new ArrayList<>();
        if (!object(o, "Order", errors)) {
            return errors;
        }
        string(o, "id", errors);
        dateTime(o, "created_at", true, errors);
        dateTime(o, "updated_at", false, errors);
        number(o, "filled", errors);
        string(o, "market_id", errors);
        string(o, "outcome", errors);
        number(o, "price", errors);
        oneOf(o, "side", SIDES, errors);
        number(o, "size", errors);
        oneOf(o, "status", ORDER_STATUS, errors);
        oneOf(o, "exchange", EXCHANGES, errors);
        return errors;
    }

    /** {@code Position}: market_id, outcome, size, average_price, current_price — all required, numbers. */
    public static List<String> position(JsonNode p) {
        List<String> errors = new ArrayList<>();
        if (!object(p, "Position", errors)) {
            return errors;
        }
        string(p, "market_id", errors);
        string(p, "outcome", errors);
        number(p, "size", errors);
        number(p, "average_price", errors);
        number(p, "current_price", errors);
        oneOf(p, "exchange", EXCHANGES, errors);
        return errors;
    }

    /** Fill (no SDK model in 0.4.0): SPEC §2.2 fields, typed. */
    public static List<String> fill(JsonNode f) {
        List<String> errors = new ArrayList<>();
        if (!object(f, "Fill", errors)) {
            return errors;
        }
        string(f, "id", errors);
        string(f, "order_id", errors);
        string(f, "market_id", errors);
        string(f, "outcome", errors);
        oneOf(f, "side", SIDES, errors);
        number(f, "price", errors);
        number(f, "size", errors);
        dateTime(f, "created_at", false, errors);
        return errors;
    }

    /** {@code account.balance}: {@code raw} required, an object (plus pmgate's normalized fields). */
    public static List<String> balance(JsonNode b) {
        List<String> errors = new ArrayList<>();
        if (!object(b, "Balance", errors)) {
            return errors;
        }
        if (b.get("raw") == null || !b.get("raw").isObject()) {
            errors.add("raw: required object");
        }
        number(b, "available", errors);
        oneOf(b, "exchange", EXCHANGES, errors);
        return errors;
    }

    /** {@code account.ping}: an array of {exchange, has_credentials, authenticated, message}. */
    public static List<String> ping(JsonNode array) {
        List<String> errors = new ArrayList<>();
        if (array == null || !array.isArray()) {
            errors.add("ping: must be a JSON array");
            return errors;
        }
        for (JsonNode e : array) {
            if (!object(e, "PingEntry", errors)) {
                continue;
            }
            oneOf(e, "exchange", EXCHANGES, errors);
            bool(e, "has_credentials", errors);
            bool(e, "authenticated", errors);
            string(e, "message", errors);
        }
        return errors;
    }

    /** A list answer: a bare array whose every item passes {@code item}. */
    public static List<String> list(JsonNode array, java.util.function.Function<JsonNode, List<String>> item) {
        List<String> errors = new ArrayList<>();
        if (array == null || !array.isArray()) {
            errors.add("list: must be a bare JSON array, was " + (array == null ? "missing" : array.getNodeType()));
            return errors;
        }
        for (int i = 0; i < array.size(); i++) {
            int index = i;
            item.apply(array.get(i)).forEach(e -> errors.add("[" + index + "]." + e));
        }
        return errors;
    }

    private static boolean object(JsonNode node, String model, List<String> errors) {
        if (node == null || !node.isObject()) {
            errors.add(model + ": must be a JSON object");
            return false;
        }
        return true;
    }

    private static void string(JsonNode node, String field, List<String> errors) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
            errors.add(field + ": required string, was " + v);
        }
    }

    private static void number(JsonNode node, String field, List<String> errors) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            errors.add(field + ": required number, was " + v);
        } else if (v.toString().toLowerCase().contains("e")) {
            errors.add(field + ": exponent notation " + v);
        }
    }

    private static void bool(JsonNode node, String field, List<String> errors) {
        JsonNode v = node.get(field);
        if (v == null || !v.isBoolean()) {
            errors.add(field + ": required boolean, was " + v);
        }
    }

    private static void oneOf(JsonNode node, String field, Set<String> values, List<String> errors) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || !values.contains(v.textValue())) {
            errors.add(field + ": must be one of " + values + ", was " + v);
        }
    }

    private static void dateTime(JsonNode node, String field, boolean required, List<String> errors) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                errors.add(field + ": required date-time, was " + v);
            }
            return;
        }
        try {
            if (!v.isTextual() || !v.textValue().endsWith("Z")) {
                throw new IllegalArgumentException();
            }
            Instant.parse(v.textValue());
        } catch (RuntimeException e) {
            errors.add(field + ": not an ISO-8601 UTC date-time: " + v);
        }
    }
}
