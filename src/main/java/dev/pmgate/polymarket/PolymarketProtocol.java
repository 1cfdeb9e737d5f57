package dev.pmgate.polymarket;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which exchange protocol a market trades on. A Protocol-V2 market's outcome ids are V2 position ids:
 * {@code module byte ‖ condition bytes ‖ 64 reserved zero bits (40..103) ‖ outcome index byte}; CTF token
 * ids are keccak hashes and never have those bits all zero. This is how the official client decides
 * (Polymarket/ts-sdk packages/client/src/actions/orders/asset.ts createOrderRouting, protocol.ts
 * isV2PositionId; py-sdk is_v2_position_id) — by the asset id alone; Gamma's {@code version: "v2"} says
 * the same for markets listed there.
 */
public final class PolymarketProtocol {

    private static final BigInteger RESERVED_MASK =
            BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE).shiftLeft(40);
    /** 32-byte CTF condition id, or a 31-byte Protocol-V2 one (Gamma/CLOB may pad it with 00 to 32 bytes). */
    private static final Pattern CONDITION_ID = Pattern.compile("0x([0-9a-fA-F]{62}|[0-9a-fA-F]{64})");

    private PolymarketProtocol() {}

    /**
     * True for a Protocol-V2 position id (orders for ExchangeV3, domain "3"): the reserved bits 40..103 are
     * zero (the official client's test) and the top byte is a module (1 binary, 2 neg-risk, 3 combo) — the
     * second condition only keeps small made-up ids (tests, fixtures) out; real CTF ids are keccak hashes.
     */
    public static boolean isV2PositionId(BigInteger assetId) {
        if (assetId == null || assetId.signum() <= 0 || assetId.bitLength() > 256) {
            return false;
        }
        int module = assetId.shiftRight(248).intValue();
        return module >= 1 && module <= 3 && assetId.and(RESERVED_MASK).signum() == 0;
    }

    public static boolean isV2PositionId(String assetId) {
        return assetId != null && assetId.matches("[0-9]{1,78}") && isV2PositionId(new BigInteger(assetId));
    }

    public static boolean isConditionId(String id) {
        return id != null && CONDITION_ID.matcher(id).matches();
    }

    /**
     * The same condition in both spellings, lower case: a 31-byte id and its 00-padded 32-byte form
     * compare equal (used to match a market answer to the id asked for).
     */
    public static String canonicalConditionId(String id) {
        String lower = id.toLowerCase(Locale.ROOT);
        if (lower.length() == 66 && lower.endsWith("00")) {
            return lower.substring(0, 64);
        }
        return lower;
    }
}
