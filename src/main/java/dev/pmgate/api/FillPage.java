package dev.pmgate.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/** A page of fills: the JSON body is the bare array {@code [Fill…]}; the cursor travels beside it. */
public record FillPage(List<Fill> fills, String nextCursor) implements ListPage {

    @Override
    @JsonValue
    public List<?> items() {
        return fills;
    }
}
