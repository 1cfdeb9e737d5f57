package dev.pmgate.sandbox;

/** V2 single-book side: {@code bid} buys YES, {@code ask} sells YES (= buys NO at 1 − price). */
public enum BookSide {
    BID,
    ASK;

    public String wire() {
        return this == BID ? "bid" : "ask";
    }

    public BookSide opposite() {
        return this == BID ? ASK : BID;
    }

    static BookSide fromWire(String s) {
        if ("bid".equals(s)) {
            return BID;
        }
        if ("ask".equals(s)) {
            return ASK;
        }
        return null;
    }
}
