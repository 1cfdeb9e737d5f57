package dev.pmgate.api;

import java.util.List;

/** {@code {"positions":[…]}} */
public record PositionList(List<Position> positions) {
}
