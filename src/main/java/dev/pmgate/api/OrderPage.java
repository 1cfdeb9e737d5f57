package dev.pmgate.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/** A page of orders: the JSON body is the bare array {@code [Order…]}; the cursor travels beside it. */
public record OrderPage(List<Order> orders, String nextCursor) implements ListPage {

    @Override
    @JsonValue
    public List<?> items() {
        return orders;
    }
}
