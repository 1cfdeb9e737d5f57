package dev.pmgate.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One item of a batch answer (SPEC §10): {@code {"index":0,"ok":true,"order":{…}}} or
 * {@code {"index":1,"ok":false,"error":{…§2.3…}}}, in request order.
 */
@JsonPropertyOrder({"index", "ok", "order", "error"})
public record BatchItemResult(
        int index,
        boolean ok,
        @JsonInclude(JsonInclude.Include.NON_NULL) Order order,
        @JsonInclude(JsonInclude.Include.NON_NULL) ErrorBody error) {

    public static BatchItemResult ok(int index, Order order) {
        return new BatchItemResult(index, true, order, null);
    }

    public static BatchItemResult failed(int index, GatewayException error) {
        return new BatchItemResult(index, false, null, ErrorBody.of(error));
    }

    /**
     * The answer of a batch cancel (SPEC §10): one item per requested order id, in request order; an id the
     * exchange gave no answer for (not found, or no longer open) is {@code order_not_found}.
     */
    public static java.util.List<BatchItemResult> cancelled(
            java.util.List<String> ids, java.util.Map<String, BatchItemResult> answered) {
        java.util.List<BatchItemResult> out = new java.util.ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            BatchItemResult r = answered.get(ids.get(i));
            out.add(
                    r != null
                            ? r
                            : failed(
                                    i,
                                    new GatewayException(
                                            ErrorCode.ORDER_NOT_FOUND, "order not found or no longer open")));
        }
        return out;
    }

    /** Whether {@code payload} is a batch answer whose every item is an existing order found again. */
    public static boolean allDuplicates(Object payload) {
        return payload instanceof java.util.List<?> items
                && !items.isEmpty()
                && items.stream()
                        .allMatch(item -> item instanceof BatchItemResult r
                                && r.order() != null
                                && Boolean.TRUE.equals(r.order().duplicate()));
    }
}
