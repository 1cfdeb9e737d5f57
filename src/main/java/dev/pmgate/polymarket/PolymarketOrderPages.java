package dev.pmgate.polymarket;

import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.ListQuery;
import dev.pmgate.api.Order;
import dev.pmgate.upstream.UpstreamRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One page of open orders as SPEC §2.2 asks for it: at most {@code limit} orders and the cursor of the next page.
 * The CLOB's {@code GET /data/orders} pages by its own size, so pmgate pages locally: its cursor is
 * {@code o<offset>.<CLOB cursor>} — the CLOB page to read and how many of its orders the caller has already
 * had — and one request reads as many CLOB pages as it needs to fill {@code limit}.
 */
final class PolymarketOrderPages {

    /** The CLOB's first-page cursor (base64 of "0"). */
    static final String FIRST_PAGE = "MA==";

    static final int MAX_PAGES = 100;
    private static final Pattern CURSOR = Pattern.compile("o(0|[1-9][0-9]{0,5})\\.([A-Za-z0-9+/=_-]{1,256})");

    private final String market;
    private final Integer limit;
    private final List<Order> orders = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    /** The CLOB page being read ({@code null}: the first) and how many of its orders to skip. */
    private String clobCursor;

    private int skip;
    private boolean more = true;
    private String nextCursor;

    private PolymarketOrderPages(String market, Integer limit, String clobCursor, int skip) {
        this.market = market;
        this.limit = limit;
        this.clobCursor = clobCursor;
        this.skip = skip;
    }

    /** The query's page; a cursor that is not one pmgate issued is refused (400 validation_error). */
    static PolymarketOrderPages of(ListQuery query) {
        if (query.cursor() == null) {
            return new PolymarketOrderPages(query.marketId(), query.limit(), null, 0);
        }
        Matcher m = CURSOR.matcher(query.cursor());
        if (!m.matches()) {
            throw GatewayException.validation("cursor", "malformed");
        }
        return new PolymarketOrderPages(query.marketId(), query.limit(), m.group(2), Integer.parseInt(m.group(1)));
    }

    static String cursor(String clobCursor, int offset) {
        return "o" + offset + "." + (clobCursor == null ? FIRST_PAGE : clobCursor);
    }

    boolean hasNext() {
        return more;
    }

    /** The CLOB page to read next. */
    UpstreamRequest next() {
        return UpstreamRequest.get("/data/orders", UpstreamRequest.query("market", market, "next_cursor", clobCursor));
    }

    /**
     * One CLOB page and its next cursor ({@code null} at the end). Without a limit, one CLOB page is one page
     * (as the CLOB pages); with one, pages are read until {@code limit} orders are had or the orders end.
     */
    void add(List<Order> page, String clobNext) {
        int from = Math.min(skip, page.size());
        List<Order> rows = page.subList(from, page.size());
        int room = limit == null ? Integer.MAX_VALUE : limit - orders.size();
        if (rows.size() > room) {
            orders.addAll(rows.subList(0, room));
            finish(cursor(clobCursor, from + room));
            return;
        }
        orders.addAll(rows);
        if (clobNext == null) {
            finish(null);
        } else if (limit == null || orders.size() >= limit) {
            finish(cursor(clobNext, 0));
        } else {
            if (!seen.add(clobNext) || seen.size() >= MAX_PAGES) {
                throw GatewayException.upstream(
                        ErrorCode.UPSTREAM_ERROR,
                        "Polymarket's open orders did not end (repeated cursor or too many pages)",
                        PolymarketModule.NAME.wireName(),
                        null);
            }
            clobCursor = clobNext;
            skip = 0;
        }
    }

    private void finish(String next) {
        nextCursor = next;
        more = false;
    }

    List<Order> orders() {
        return orders;
    }

    /** pmgate's cursor of the next page, {@code null} after the last. */
    String nextCursor() {
        return nextCursor;
    }
}
