package dev.pmgate.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.CreateOrderRequest;
import dev.pmgate.api.Decimals;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.ExchangeName;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.GatewayRequest;
import dev.pmgate.api.ListQuery;
import dev.pmgate.api.Operation;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns untrusted request parts (body JSON, path id, query parameters) into a {@link GatewayRequest},
 * or fails with a SPEC §2.3 error naming the field, never echoing a value.
 */
public final class RequestValidator {

    /** Names that carry credentials; refused anywhere outside the credentials header (SPEC §3 invariant 1). */
    private static final Set<String> CREDENTIAL_NAMES = Set.of(
            "private_key",
            "privatekey",
            "api_key_id",
            "apikeyid",
            "api_key",
            "apikey",
            "api_secret",
            "clob_api_key",
            "clob_api_secret",
            "clob_api_passphrase",
            "secret",
            "passphrase",
            "password",
            "credentials",
            "exchange_credentials",
            "x-exchange-credentials",
            "x_exchange_credentials",
            "x-api-key",
            "x_api_key",
            "signature");

    private static final Pattern CLIENT_ORDER_ID = Pattern.compile("[A-Za-z0-9_:+=/-]{1,64}");
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_=+/.:-]{1,512}");
    private static final Pattern OUTCOME = Pattern.compile("[\\p{L}\\p{N} ._'&,()+-]{1,100}");
    private static final Set<String> ORDER_FIELDS =
            Set.of("market_id", "outcome", "side", "price", "size", "client_order_id", "params");
    private static final Set<String> PARAM_FIELDS =
            Set.of("order_type", "expiration", "post_only", "reduce_only", "token_id");

    private final Clock clock;
    private final Exchanges exchanges;

    public RequestValidator(Clock clock, Exchanges exchanges) {
        this.clock = clock;
        this.exchanges = exchanges;
    }

    public Exchanges exchanges() {
        return exchanges;
    }

    public GatewayRequest build(
            Operation op,
            String exchangeParam,
            JsonNode orderJson,
            String orderId,
            Map<String, String> query,
            String idempotencyKey) {
        refuseCredentialParameters(query);
        ExchangeModule module = exchanges.parse(exchangeParam);
        ExchangeName exchange = module.name();
        OrderRules rules = module.rules();
        boolean raw = "true".equalsIgnoreCase(query.get("raw"));
        return switch (op) {
            case CREATE_ORDER ->
                new GatewayRequest(
                        op,
                        exchange,
                        parseOrder(rules, orderJson),
                        null,
                        null,
                        validIdempotencyKey(idempotencyKey),
                        raw);
            case GET_ORDER, CANCEL_ORDER ->
                new GatewayRequest(op, exchange, null, validOrderId(rules, orderId), null, null, raw);
            case LIST_ORDERS, GET_FILLS, GET_POSITIONS ->
                new GatewayRequest(op, exchange, null, null, parseQuery(module, op, query), null, raw);
            case GET_BALANCE -> new GatewayRequest(op, exchange, null, null, null, null, raw);
            case CREATE_ORDERS, CANCEL_ORDERS, CANCEL_ALL, AMEND_ORDER ->
                BatchRequests.build(
                        this, op, module, orderJson, orderId, query, validIdempotencyKey(idempotencyKey), raw);
        };
    }

    public static void refuseCredentialParameters(Map<String, String> query) {
        for (String name : query.keySet()) {
            if (CREDENTIAL_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
                throw new GatewayException(
                        ErrorCode.BAD_REQUEST,
                        "credentials are accepted only in the X-Exchange-Credentials header",
                        List.of(name + ": credentials are not allowed in the query string"),
                        null,
                        null,
                        null,
                        null);
            }
        }
    }

    public static void refuseCredentialFields(JsonNode node, String path) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                String fieldPath = path.isEmpty() ? name : path + "." + name;
                if (CREDENTIAL_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
                    throw new GatewayException(
                            ErrorCode.BAD_REQUEST,
                            "credentials are accepted only in the X-Exchange-Credentials header",
                            List.of(safeName(fieldPath) + ": credentials are not allowed in the body"),
                            null,
                            null,
                            null,
                            null);
                }
                refuseCredentialFields(field.getValue(), fieldPath);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                refuseCredentialFields(item, path + "[]");
            }
        }
    }

    CreateOrderRequest parseOrder(OrderRules rules, JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw GatewayException.validation("body", "a JSON order object is required");
        }
        if (!body.isObject()) {
            throw GatewayException.validation("body", "must be a JSON object");
        }
        refuseCredentialFields(body, "");
        List<String> errors = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!ORDER_FIELDS.contains(name)) {
                errors.add(safeName(name) + ": unknown field");
            }
        });
        String marketId = text(body, "market_id", errors, true);
        if (marketId != null) {
            if (!rules.isMarketId(marketId)) {
                errors.add("market_id: " + rules.marketIdRule());
            }
        }
        String outcome = text(body, "outcome", errors, true);
        if (outcome != null && !OUTCOME.matcher(outcome).matches()) {
            errors.add("outcome: must be Yes, No or an outcome name");
        }
        if (outcome != null && rules.outcomeProblem(outcome) != null) {
            errors.add("outcome: " + rules.outcomeProblem(outcome));
        }
        CreateOrderRequest.Side side = null;
        String sideText = text(body, "side", errors, true);
        if (sideText != null) {
            switch (sideText.toLowerCase(Locale.ROOT)) {
                case "buy" -> side = CreateOrderRequest.Side.BUY;
                case "sell" -> side = CreateOrderRequest.Side.SELL;
                default -> errors.add("side: must be buy or sell");
            }
        }
        BigDecimal price = decimal(body, "price", errors);
        if (price != null && (price.signum() <= 0 || price.compareTo(BigDecimal.ONE) >= 0)) {
            errors.add("price: must be between 0 and 1 (exclusive)");
        }
        BigDecimal size = decimal(body, "size", errors);
        if (size != null && size.signum() <= 0) {
            errors.add("size: must be greater than 0");
        }
        if (size != null && size.compareTo(new BigDecimal("1000000000")) > 0) {
            errors.add("size: too large");
        }
        String clientOrderId = text(body, "client_order_id", errors, false);
        if (clientOrderId != null && !CLIENT_ORDER_ID.matcher(clientOrderId).matches()) {
            errors.add("client_order_id: 1-64 characters of letters, digits and -_:+=/");
        }
        Params params = parseParams(rules, body.get("params"), errors);
        if (!errors.isEmpty()) {
            throw GatewayException.validation(errors);
        }
        return new CreateOrderRequest(
                marketId,
                outcome,
                side,
                Decimals.normalize(price),
                Decimals.normalize(size),
                clientOrderId,
                params.orderType,
                params.expiration,
                params.postOnly,
                params.reduceOnly,
                params.tokenId);
    }

    private record Params(
            CreateOrderRequest.OrderType orderType,
            Long expiration,
            boolean postOnly,
            boolean reduceOnly,
            String tokenId) {}

    private Params parseParams(OrderRules rules, JsonNode params, List<String> errors) {
        if (params == null || params.isNull()) {
            return new Params(CreateOrderRequest.OrderType.GTC, null, false, false, null);
        }
        if (!params.isObject()) {
            errors.add("params: must be an object");
            return new Params(CreateOrderRequest.OrderType.GTC, null, false, false, null);
        }
        params.fieldNames().forEachRemaining(name -> {
            if (!PARAM_FIELDS.contains(name)) {
                errors.add("params." + safeName(name) + ": unknown field");
            }
        });
        CreateOrderRequest.OrderType type = CreateOrderRequest.OrderType.GTC;
        String typeText = text(params, "order_type", errors, false, "params.");
        if (typeText != null) {
            try {
                type = CreateOrderRequest.OrderType.valueOf(typeText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add("params.order_type: must be gtc, gtd, ioc or fok");
            }
        }
        Long expiration = null;
        JsonNode exp = params.get("expiration");
        if (exp != null && !exp.isNull()) {
            // SPEC §2.1: the Parsec SDK types params as string → string, so "1798761600" is unix seconds too
            if (exp.isIntegralNumber() && exp.canConvertToLong()) {
                expiration = exp.longValue();
            } else if (exp.isTextual() && exp.textValue().trim().matches("[0-9]{1,12}")) {
                expiration = Long.parseLong(exp.textValue().trim());
            } else {
                errors.add("params.expiration: must be unix seconds (integer)");
            }
        }
        long now = clock.instant().getEpochSecond();
        if (type == CreateOrderRequest.OrderType.GTD) {
            if (expiration == null) {
                errors.add("params.expiration: required for gtd orders");
            } else if (expiration < now + 60) {
                errors.add("params.expiration: must be at least 60 seconds in the future");
            } else if (rules.expirationProblem(expiration, now) != null) {
                errors.add("params.expiration: " + rules.expirationProblem(expiration, now));
            } else if (expiration > now + 10L * 365 * 24 * 3600) {
                errors.add("params.expiration: too far in the future");
            }
        } else if (expiration != null) {
            errors.add("params.expiration: only allowed with order_type gtd");
        }
        boolean postOnly = bool(params, "post_only", errors);
        boolean reduceOnly = bool(params, "reduce_only", errors);
        String tokenId = text(params, "token_id", errors, false, "params.");
        if (tokenId != null) {
            String problem = rules.tokenIdProblem(tokenId);
            if (problem != null) {
                errors.add("params.token_id: " + problem);
            }
        }
        return new Params(type, expiration, postOnly, reduceOnly, tokenId);
    }

    ListQuery parseQuery(ExchangeModule exchange, Operation op, Map<String, String> query) {
        List<String> errors = new ArrayList<>();
        String marketId = blankToNull(query.get("market_id"));
        if (marketId != null) {
            if (!exchange.rules().isMarketId(marketId)) {
                errors.add("market_id: not a valid market id for "
                        + exchange.name().wireName());
            }
        }
        boolean openOnly = true;
        String status = blankToNull(query.get("status"));
        if (status != null) {
            switch (status.toLowerCase(Locale.ROOT)) {
                case "open" -> openOnly = true;
                case "all" -> openOnly = false;
                default -> errors.add("status: must be open or all");
            }
        }
        Integer limit = null;
        String limitText = blankToNull(query.get("limit"));
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
                if (limit < 1 || limit > 500) {
                    errors.add("limit: must be between 1 and 500");
                }
            } catch (NumberFormatException e) {
                errors.add("limit: must be an integer between 1 and 500");
            }
        }
        String cursor = blankToNull(query.get("cursor"));
        if (cursor != null && !CURSOR.matcher(cursor).matches()) {
            errors.add("cursor: malformed");
        }
        String orderId = blankToNull(query.get("order_id"));
        if (orderId != null) {
            if (op != Operation.GET_FILLS) {
                errors.add("order_id: only a filter for fills");
            } else if (!exchange.rules().isOrderId(orderId)) {
                errors.add("order_id: not a valid " + exchange.name().wireName() + " order id");
            }
        }
        if (!errors.isEmpty()) {
            throw GatewayException.validation(errors);
        }
        return new ListQuery(marketId, openOnly, limit, cursor, orderId);
    }

    static String validOrderId(OrderRules rules, String orderId) {
        if (orderId == null || orderId.isEmpty()) {
            throw new GatewayException(
                    ErrorCode.MISSING_PARAMETER,
                    "order id is required",
                    List.of("id: required"),
                    null,
                    null,
                    null,
                    null);
        }
        if (!rules.isOrderId(orderId)) {
            throw GatewayException.validation("id", rules.orderIdRule());
        }
        return orderId;
    }

    private static String validIdempotencyKey(String key) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        if (key.length() > 255 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw GatewayException.validation("Idempotency-Key", "1-255 printable ASCII characters");
        }
        return key;
    }

    private static String text(JsonNode node, String field, List<String> errors, boolean required) {
        return text(node, field, errors, required, "");
    }

    private static String text(JsonNode node, String field, List<String> errors, boolean required, String prefix) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(prefix + field + ": required");
            }
            return null;
        }
        if (!value.isTextual()) {
            errors.add(prefix + field + ": must be a string");
            return null;
        }
        String text = value.textValue().trim();
        if (text.isEmpty()) {
            errors.add(prefix + field + ": must not be empty");
            return null;
        }
        return text;
    }

    static BigDecimal decimal(JsonNode node, String field, List<String> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            errors.add(field + ": required");
            return null;
        }
        if (value.isNumber()) {
            // same bounds as the string form: 1e-999999999 is a 12-byte number whose arithmetic
            // (1 - price, rescaling) would take minutes and gigabytes
            BigDecimal number = value.decimalValue();
            BigDecimal stripped = number.stripTrailingZeros();
            if (stripped.scale() <= 20 && stripped.precision() - stripped.scale() <= 20) {
                return number;
            }
        }
        if (value.isTextual()) {
            String text = value.textValue().trim();
            if (text.matches("[0-9]{1,20}(\\.[0-9]{1,20})?")) {
                return new BigDecimal(text);
            }
        }
        errors.add(field + ": must be a decimal number");
        return null;
    }

    private static boolean bool(JsonNode node, String field, List<String> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        // SPEC §2.1: "true" / "false" as strings (the Parsec SDK's string → string params; Python's str(True)
        // is "True", so the case is not significant); anything else is refused
        if (value.isTextual()) {
            String text = value.textValue().trim();
            if (text.equalsIgnoreCase("true")) {
                return true;
            }
            if (text.equalsIgnoreCase("false")) {
                return false;
            }
        }
        errors.add("params." + field + ": must be true or false");
        return false;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Field names come from the caller; show them only when they are plain identifiers. */
    static String safeName(String name) {
        return name.matches("[A-Za-z0-9_.\\[\\]-]{1,64}") ? name : "<field>";
    }
}
