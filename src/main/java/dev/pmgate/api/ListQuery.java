package dev.pmgate.api;

/** List filters of SPEC §2.2: market_id, status (open|all), limit (1–500), cursor, order_id (fills). */
public record ListQuery(String marketId, boolean openOnly, Integer limit, String cursor, String orderId) {}
