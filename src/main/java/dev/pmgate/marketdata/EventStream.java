package dev.pmgate.marketdata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.marketdata.ParsecModels.Event;
import dev.pmgate.upstream.UpstreamResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One upstream listing of events. Only the page request, the cursor field and the event reader differ
 * per exchange; reading the {@code events} array and the Parsec filters (status, minimum volume,
 * search) are the same for every exchange.
 */
public final class EventStream implements Listing.Stream<Event> {

    /** Fetches one upstream page for a cursor ({@code null} for the first page). */
    public interface PageSource {
        JsonNode page(String cursor) throws Exception;
    }

    private final String exchange;
    private final String source;
    private final PageSource pages;
    private final String nextCursorField;
    private final Function<JsonNode, Event> reader;
    private final Predicate<Event> filter;

    /**
     * @param source the upstream surface, for the error when a page has no events array
     * @param nextCursorField the page's field holding the next upstream cursor
     */
    public EventStream(
            String exchange,
            String source,
            PageSource pages,
            String nextCursorField,
            Function<JsonNode, Event> reader,
            EventFilter filter) {
        this.exchange = exchange;
        this.source = source;
        this.pages = pages;
        this.nextCursorField = nextCursorField;
        this.reader = reader;
        this.filter = filter::accepts;
    }

    @Override
    public Listing.Page<Event> fetch(String cursor) throws Exception {
        JsonNode body = pages.page(cursor);
        JsonNode events = body.get("events");
        if (events == null || !events.isArray()) {
            throw PublicFetcher.unusable(
                    exchange, new UpstreamResponse(200, null, ""), source + " sent no events array");
        }
        List<Event> out = new ArrayList<>();
        events.forEach(e -> out.add(reader.apply(e)));
        return new Listing.Page<>(out, Wire.text(body, nextCursorField));
    }

    @Override
    public Predicate<Event> filter() {
        return filter;
    }
}
