package dev.pmgate.polymarket;

/** CLOB time-in-force values of the POST /order envelope. */
public enum PolymarketOrderType {
    /** Good till cancelled. */
    GTC,
    /** Good till date: needs the wire-only {@code expiration}. */
    GTD,
    /** Fill or kill. */
    FOK,
    /** Fill and kill (immediate or cancel). */
    FAK;

    public boolean allowsPostOnly() {
        return this == GTC || this == GTD;
    }
}
