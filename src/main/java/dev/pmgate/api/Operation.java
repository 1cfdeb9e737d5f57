package dev.pmgate.api;

import java.util.Arrays;
import java.util.Optional;

/** The private operations, named as on the Kafka request topic (SPEC §4, batch operations §10). */
public enum Operation {
    CREATE_ORDER("create_order"),
    LIST_ORDERS("list_orders"),
    GET_ORDER("get_order"),
    CANCEL_ORDER("cancel_order"),
    GET_POSITIONS("get_positions"),
    GET_FILLS("get_fills"),
    GET_BALANCE("get_balance"),
    CREATE_ORDERS("create_orders"),
    CANCEL_ORDERS("cancel_orders"),
    CANCEL_ALL("cancel_all"),
    AMEND_ORDER("amend_order");

    private final String wireName;

    Operation(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether the request carries a JSON body (REST) or an order payload (Kafka). */
    public boolean hasBody() {
        return this == CREATE_ORDER || this == CREATE_ORDERS || this == CANCEL_ORDERS || this == AMEND_ORDER;
    }

    /** The batch operations of SPEC §10. */
    public boolean isBatch() {
        return this == CREATE_ORDERS || this == CANCEL_ORDERS || this == CANCEL_ALL || this == AMEND_ORDER;
    }

    public static Optional<Operation> fromWireName(String name) {
        return Arrays.stream(values()).filter(op -> op.wireName.equals(name)).findFirst();
    }
}
