package dev.pmgate.marketdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

/**
 * Walks one or more upstream listings ("streams": one exchange and one upstream filter each, in a
 * fixed order) and cuts them into pages of the caller's size after the client-side filters. The
 * cursor handed out is opaque (base64url JSON): the stream, that stream's upstream cursor, and how
 * many items of that upstream page were already delivered, so a walk returns every item exactly once
 * while the upstream listing is unchanged. A plain number is accepted as a cursor too (an offset in
 * the filtered listing, at most {@value #MAX_OFFSET}). The cursor is bound to the query it came from.
 */
public final class Listing {

    /** Upstream pages read at most per request; a walk that needs more answers a short page with a cursor. */
    static final int MAX_UPSTREAM_PAGES = 10;

    static final int MAX_OFFSET = 10_000;

    /** One upstream listing: fetch a page from an upstream cursor ({@code null} = first page). */
    public interface Stream<T> {
        Page<T> fetch(String upstreamCursor) throws Exception;

        default Predicate<T> filter() {
            return t -> true;
        }
    }

    /** An upstream page; {@code next} null when it is the last. */
    public record Page<T>(List<T> items, String next) {}

    record Result<T>(List<T> items, String nextCursor) {}

    private record State(int stream, String upstream, int skip, long offset, long toSkip) {}

    private Listing() {}

    static <T> Result<T> walk(List<? extends Stream<T>> streams, String cursor, int limit, String queryHash)
            throws Exception {
        State state = decode(cursor, queryHash);
        List<T> out = new ArrayList<>();
        int fetched = 0;
        int s = state.stream;
        String upstream = state.upstream;
        int skip = state.skip;
        long toSkip = state.toSkip;
        while (s < streams.size()) {
            if (fetched >= MAX_UPSTREAM_PAGES) {
                return new Result<>(
                        out, encode(new State(s, upstream, skip, state.offset + out.size(), toSkip), queryHash));
            }
            Stream<T> stream = streams.get(s);
            Page<T> page = stream.fetch(upstream);
            fetched++;
            List<T> items = page.items();
            int i = skip;
            while (i < items.size() && out.size() < limit) {
                T item = items.get(i++);
                if (stream.filter().test(item)) {
                    if (toSkip > 0) {
                        toSkip--;
                    } else {
                        out.add(item);
                    }
                }
            }
            boolean pageDone = i >= items.size();
            boolean hasNextPage = page.next() != null
                    && !page.next().isEmpty()
                    && !page.next().equals(upstream);
            if (out.size() >= limit) {
                State next;
                if (!pageDone) {
                    next = new State(s, upstream, i, state.offset + out.size(), 0);
                } else if (hasNextPage) {
                    next = new State(s, page.next(), 0, state.offset + out.size(), 0);
                } else if (s + 1 < streams.size()) {
                    next = new State(s + 1, null, 0, state.offset + out.size(), 0);
                } else {
                    next = null;
                }
                return new Result<>(out, next == null ? null : encode(next, queryHash));
            }
            if (hasNextPage) {
                upstream = page.next();
            } else {
                s++;
                upstream = null;
            }
            skip = 0;
        }
        return new Result<>(out, null);
    }

    private static String encode(State state, String queryHash) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("s", state.stream);
        if (state.upstream != null) {
            node.put("c", state.upstream);
        }
        node.put("k", state.skip);
        node.put("o", state.offset);
        if (state.toSkip > 0) {
            node.put("t", state.toSkip);
        }
        node.put("q", queryHash);
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static State decode(String cursor, String queryHash) {
        if (cursor == null || cursor.isBlank()) {
            return new State(0, null, 0, 0, 0);
        }
        if (cursor.matches("[0-9]{1,9}")) {
            long offset = Long.parseLong(cursor);
            if (offset > MAX_OFFSET) {
                throw GatewayException.validation(
                        "cursor", "a numeric offset is at most " + MAX_OFFSET + "; follow next_cursor to go further");
            }
            return new State(0, null, 0, offset, offset);
        }
        try {
            if (cursor.length() > 4096) {
                throw new IllegalArgumentException();
            }
            JsonNode node = Json.mapper().readTree(Base64.getUrlDecoder().decode(cursor));
            if (!node.path("q").asText("").equals(queryHash)) {
                throw GatewayException.validation("cursor", "belongs to a different query; repeat every filter");
            }
            int stream = node.path("s").asInt(-1);
            int skip = node.path("k").asInt(-1);
            if (stream < 0 || skip < 0) {
                throw new IllegalArgumentException();
            }
            String upstream = node.hasNonNull("c") ? node.get("c").asText() : null;
            return new State(
                    stream,
                    upstream,
                    skip,
                    node.path("o").asLong(0),
                    node.path("t").asLong(0));
        } catch (GatewayException e) {
            throw e;
        } catch (Exception e) {
            throw GatewayException.validation("cursor", "not a cursor returned by this gateway");
        }
    }
}
