package dev.pmgate.polymarket;

/** How the exchange checks an order signature against its maker (signed as uint8). */
public enum PolymarketSignatureType {
    /** The key's own address holds the funds: maker = signer. */
    EOA(0),
    /** Polymarket proxy wallet (email / Magic accounts): maker = proxy of the signer. */
    POLY_PROXY(1),
    /** Gnosis Safe (browser-wallet accounts): maker = Safe of the signer. */
    POLY_GNOSIS_SAFE(2),
    /**
     * A deposit wallet (ERC-1271 smart-contract wallet, new accounts since May 2026): maker = signer =
     * the wallet; the owner's signature travels in an ERC-7739 {@code TypedDataSign} envelope.
     */
    POLY_1271(3);

    private final int code;

    PolymarketSignatureType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static PolymarketSignatureType fromCode(int code) {
        for (PolymarketSignatureType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("signature_type: must be 0, 1, 2 or 3");
    }
}
