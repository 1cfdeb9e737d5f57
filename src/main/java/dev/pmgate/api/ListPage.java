package dev.pmgate.api;

import java.util.List;

/**
 * A page of a list answer (SPEC §2.2, changed 2026-12-04): serialized as a bare JSON array (the Parsec
 * SDK iterates it), with the cursor of the next page carried beside it — REST {@code X-Next-Cursor} and
 * {@code Link: <…>; rel="next"} headers, Kafka {@code next_cursor} beside {@code result}.
 */
public interface ListPage {

    /** The items, in the exchange's order; this is what the JSON body is. */
    List<?> items();

    /** The exchange's cursor of the next page, or {@code null} on the last page. */
    String nextCursor();
}
