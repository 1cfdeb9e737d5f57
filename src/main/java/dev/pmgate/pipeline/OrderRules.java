package dev.pmgate.pipeline;

/**
 * The request rules that belong to one exchange (SPEC §2.1). The exchange-neutral validator calls these at
 * the point where it checks the same field, so errors keep their field order. A {@code null} answer means
 * "no objection"; a text is the problem after {@code "<field>: "}, naming no value.
 */
public interface OrderRules {

    /** Whether a market id has this exchange's syntax. */
    boolean isMarketId(String marketId);

    /** The market id rule for an order body, e.g. {@code "must be a Kalshi market ticker"}. */
    String marketIdRule();

    /** Whether an order id has this exchange's syntax. */
    boolean isOrderId(String orderId);

    /** The order id rule for a path id, e.g. {@code "must match [A-Za-z0-9-]{1,64}"}. */
    String orderIdRule();

    /** An outcome this exchange cannot trade (after the exchange-neutral outcome syntax passed). */
    default String outcomeProblem(String outcome) {
        return null;
    }

    /** A GTD expiration (unix seconds, already ≥ 60 s ahead) this exchange refuses. */
    default String expirationProblem(long expiration, long nowEpochSeconds) {
        return null;
    }

    /** {@code params.token_id}: refused where the exchange has no token ids. */
    String tokenIdProblem(String tokenId);

    /** The most items one batch request may carry (SPEC §10). */
    int maxBatchItems();

    /** Why this exchange cannot amend an order, or {@code null} when it can (SPEC §10). */
    default String amendRefusal() {
        return null;
    }
}
