package dev.pmgate.api;

import java.util.List;

/** {@code {"fills":[…],"next_cursor":…}} */
public record FillPage(List<Fill> fills, String nextCursor) {
}
