package dev.pmgate.polymarket;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A CLOB V2 order: the 11 fields of the EIP-712 {@code Order} struct plus the wire-only
 * {@code expiration} (unix seconds, 0 = none), which is sent but not signed.
 * Addresses are held in EIP-55 form, bytes32 values as lowercase hex.
 */
public record PolymarketOrderV2(
        long salt,
        String maker,
        String signer,
        BigInteger tokenId,
        BigInteger makerAmount,
        BigInteger takerAmount,
        PolymarketSide side,
        PolymarketSignatureType signatureType,
        BigInteger timestamp,
        String metadata,
        String builder,
        BigInteger expiration) {

    /** Salts stay below 2^53 so the JSON number survives every JSON parser exactly. */
    public static final long MAX_SALT_EXCLUSIVE = 1L << 53;

    public static final String ZERO_BYTES32 = "0x" + "0".repeat(64);

    private static final Pattern BYTES32 = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

    public PolymarketOrderV2 {
        if (salt < 0 || salt >= MAX_SALT_EXCLUSIVE) {
            throw new IllegalArgumentException("salt: must be in [0, 2^53)");
        }
        maker = Addresses.requireAddress("maker", maker);
        signer = Addresses.requireAddress("signer", signer);
        requireUint("tokenId", tokenId);
        requireUint("makerAmount", makerAmount);
        requireUint("takerAmount", takerAmount);
        requireUint("timestamp", timestamp);
        requireUint("expiration", expiration);
        if (side == null) {
            throw new IllegalArgumentException("side: missing");
        }
        if (signatureType == null) {
            throw new IllegalArgumentException("signatureType: missing");
        }
        metadata = requireBytes32("metadata", metadata);
        builder = requireBytes32("builder", builder);
    }

    /**
     * A limit order for {@code wallet} with zero metadata and builder.
     *
     * @param expirationSeconds 0 for no expiration, else unix seconds (GTD)
     */
    public static PolymarketOrderV2 limit(
            PolymarketWallet wallet,
            BigInteger tokenId,
            PolymarketSide side,
            PolymarketAmounts.Amounts amounts,
            PolymarketIdempotency.OrderIdentity identity,
            long expirationSeconds) {
        if (expirationSeconds < 0) {
            throw new IllegalArgumentException("expiration: must not be negative");
        }
        return new PolymarketOrderV2(
                identity.salt(),
                wallet.maker(),
                wallet.signer(),
                tokenId,
                amounts.makerAmount(),
                amounts.takerAmount(),
                side,
                wallet.signatureType(),
                BigInteger.valueOf(identity.timestampMs()),
                ZERO_BYTES32,
                ZERO_BYTES32,
                BigInteger.valueOf(expirationSeconds));
    }

    private static void requireUint(String field, BigInteger value) {
        if (value == null || value.signum() < 0 || value.compareTo(UINT256_LIMIT) >= 0) {
            throw new IllegalArgumentException(field + ": must be a uint256");
        }
    }

    private static String requireBytes32(String field, String value) {
        if (value == null || !BYTES32.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": must be 0x followed by 64 hex digits");
        }
        return value.toLowerCase(Locale.ROOT);
    }
}
