package dev.pmgate.polymarket;

/** Order side; signed as uint8 ({@code BUY = 0}, {@code SELL = 1}) and sent as the string name. */
public enum PolymarketSide {
    BUY(0),
    SELL(1);

    private final int signedValue;

    PolymarketSide(int signedValue) {
        this.signedValue = signedValue;
    }

    public int signedValue() {
        return signedValue;
    }

    /** Parses the wire name; rejects anything else (no lower case, no numbers). */
    public static PolymarketSide fromWire(String name) {
        if ("BUY".equals(name)) {
            return BUY;
        }
        if ("SELL".equals(name)) {
            return SELL;
        }
        throw new IllegalArgumentException("side: must be BUY or SELL");
    }
}
