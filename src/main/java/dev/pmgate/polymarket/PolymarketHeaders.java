package dev.pmgate.polymarket;

/** Names of the CLOB authentication headers (L1: address, signature, timestamp, nonce; L2: + api key, passphrase). */
public final class PolymarketHeaders {

    public static final String POLY_ADDRESS = "POLY_ADDRESS";
    public static final String POLY_SIGNATURE = "POLY_SIGNATURE";
    public static final String POLY_TIMESTAMP = "POLY_TIMESTAMP";
    public static final String POLY_NONCE = "POLY_NONCE";
    public static final String POLY_API_KEY = "POLY_API_KEY";
    public static final String POLY_PASSPHRASE = "POLY_PASSPHRASE";

    private PolymarketHeaders() {}
}
