package dev.pmgate.polymarket;

import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.upstream.UpstreamRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Data API v2 positions of one request, read page by page ({@code {"data":[…],"pagination":{"has_more",
 * "next_cursor"}}}) until the last. A cursor that repeats, or more than {@link #MAX_PAGES} pages, is an
 * upstream error, never a silent cut.
 */
final class PolymarketPositionPages {

    /** Data API v2 positions (cursor paging; v1 {@code /positions} is offset-paged and on its way out). */
    static final String PATH = "/v2/positions";

    static final int PAGE_SIZE = 500;
    static final int MAX_PAGES = 100;

    private final String user;
    private final String market;
    private final int limit;
    private final List<PolymarketWire.Position> rows = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private String cursor;
    private boolean more = true;

    PolymarketPositionPages(String user, String market, Integer limit) {
        this.user = user;
        this.market = market;
        this.limit = limit == null ? PAGE_SIZE : limit;
    }

    boolean hasNext() {
        return more;
    }

    /** The request for the next page. */
    UpstreamRequest next() {
        return UpstreamRequest.get(
                PATH, UpstreamRequest.query("user", user, "market", market, "limit", limit, "cursor", cursor));
    }

    /** One page's rows and the cursor of the next ({@code null} after the last page). */
    void add(List<PolymarketWire.Position> page, String nextCursor) {
        rows.addAll(page);
        if (nextCursor == null || nextCursor.isEmpty()) {
            more = false;
            return;
        }
        if (!seen.add(nextCursor) || seen.size() >= MAX_PAGES) {
            throw GatewayException.upstream(
                    ErrorCode.UPSTREAM_ERROR,
                    "Polymarket's positions did not end (repeated cursor or too many pages)",
                    PolymarketModule.NAME.wireName(),
                    null);
        }
        cursor = nextCursor;
    }

    List<PolymarketWire.Position> rows() {
        return rows;
    }
}
