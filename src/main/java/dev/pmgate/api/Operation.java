package dev.pmgate.api;

import java.util.Arrays;
import java.util.Optional;

/** The seven private operations, named as on the Kafka request topic (SPEC §4). */
public enum Operation {
    CREATE_ORDER("create_order"),
    LIST_ORDERS("list_orders"),
    GET_ORDER("get_order"),
    CANCEL_ORDER("cancel_order"),
    GET_POSITIONS("get_positions"),
    GET_FILLS("get_fills"),
    GET_BALANCE("get_balance");

    private final String wireName;

    Operation(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Operation> fromWireName(String name) {
        return Arrays.stream(values()).filter(op -> op.wireName.equals(name)).findFirst();
    }
}
