package dev.pmgate.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/** A page of positions: the JSON body is the bare array {@code [Position…]}; the cursor travels beside it. */
public record PositionList(List<Position> positions, String nextCursor) implements ListPage {

    public PositionList(List<Position> positions) {
        this(positions, null);
    }

    @Override
    @JsonValue
    public List<?> items() {
        return positions;
    }
}
