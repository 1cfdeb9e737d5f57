package dev.pmgate.api;

import java.util.List;

/** {@code {"orders":[…],"next_cursor":…}} */
public record OrderPage(List<Order> orders, String nextCursor) {
}
