package dev.pmgate.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The answer of {@code DELETE /orders} (SPEC §10): the ids of the orders the exchange cancelled, and
 * those it refused with its reason.
 */
@JsonPropertyOrder({"cancelled", "not_cancelled"})
public record CancelAllResult(List<String> cancelled, List<NotCancelled> notCancelled) {

    @JsonPropertyOrder({"id", "reason"})
    public record NotCancelled(String id, String reason) {}
}
