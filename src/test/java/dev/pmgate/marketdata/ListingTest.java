package dev.pmgate.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pmgate.api.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ListingTest {

    /** An upstream listing of {@code items} served {@code pageSize} at a time, cursor = next index. */
    private static Listing.Stream<Integer> upstream(
            List<Integer> items, int pageSize, Predicate<Integer> filter, int[] calls) {
        return new Listing.Stream<>() {
            @Override
            public Listing.Page<Integer> fetch(String cursor) {
                calls[0]++;
                int from = cursor == null ? 0 : Integer.parseInt(cursor);
                int to = Math.min(items.size(), from + pageSize);
                return new Listing.Page<>(items.subList(from, to), to < items.size() ? Integer.toString(to) : "");
            }

            @Override
            public Predicate<Integer> filter() {
                return filter;
            }
        };
    }

    private static List<Integer> walkAll(List<Listing.Stream<Integer>> streams, int limit) throws Exception {
        List<Integer> seen = new ArrayList<>();
        String cursor = null;
        for (int i = 0; i < 10_000; i++) {
            Listing.Result<Integer> r = Listing.walk(streams, cursor, limit, "q");
            assertThat(r.items().size()).isLessThanOrEqualTo(limit);
            seen.addAll(r.items());
            if (r.nextCursor() == null) {
                return seen;
            }
            cursor = r.nextCursor();
        }
        throw new AssertionError("the walk did not end");
    }

    @Test
    void everyItemExactlyOnceForEveryPageSizeAndLimit() throws Exception {
        List<Integer> a = IntStream.range(0, 23).boxed().toList();
        List<Integer> b = IntStream.range(100, 117).boxed().toList();
        List<Integer> expected = new ArrayList<>();
        a.stream().filter(i -> i % 3 != 0).forEach(expected::add);
        expected.addAll(b);
        for (int pageSize : new int[] {1, 4, 7, 50}) {
            for (int limit : new int[] {1, 2, 5, 13, 100}) {
                int[] calls = {0};
                List<Listing.Stream<Integer>> streams =
                        List.of(upstream(a, pageSize, i -> i % 3 != 0, calls), upstream(b, pageSize, i -> true, calls));
                assertThat(walkAll(streams, limit))
                        .as("page %d limit %d", pageSize, limit)
                        .containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void aNumericCursorIsAnOffsetIntoTheFilteredListing() throws Exception {
        int[] calls = {0};
        List<Listing.Stream<Integer>> streams =
                List.of(upstream(IntStream.range(0, 30).boxed().toList(), 4, i -> i % 2 == 0, calls));
        assertThat(Listing.walk(streams, "5", 3, "q").items()).containsExactly(10, 12, 14);
        assertThatThrownBy(() -> Listing.walk(streams, "10001", 3, "q")).isInstanceOf(GatewayException.class);
    }

    @Test
    void aWalkReadsAtMostTenUpstreamPagesPerRequestAndResumes() throws Exception {
        int[] calls = {0};
        List<Integer> items = IntStream.range(0, 100).boxed().toList();
        List<Listing.Stream<Integer>> streams = List.of(upstream(items, 2, i -> i >= 90, calls));
        Listing.Result<Integer> first = Listing.walk(streams, null, 5, "q");
        assertThat(calls[0]).isEqualTo(Listing.MAX_UPSTREAM_PAGES);
        assertThat(first.items()).isEmpty();
        assertThat(first.nextCursor()).isNotNull();
        assertThat(walkAll(streams, 5))
                .containsExactlyElementsOf(IntStream.range(90, 100).boxed().toList());
    }

    @Test
    void cursorsAreBoundToTheirQuery() throws Exception {
        int[] calls = {0};
        List<Listing.Stream<Integer>> streams =
                List.of(upstream(IntStream.range(0, 10).boxed().toList(), 3, i -> true, calls));
        String cursor = Listing.walk(streams, null, 2, "q1").nextCursor();
        assertThatThrownBy(() -> Listing.walk(streams, cursor, 2, "q2"))
                .isInstanceOf(GatewayException.class)
                .hasMessage("invalid request");
        assertThatThrownBy(() -> Listing.walk(streams, "not-a-cursor!", 2, "q1"))
                .isInstanceOf(GatewayException.class);
    }
}
