package dev.pmgate.polymarket;

import org.web3j.crypto.ECKeyPair;

/**
 * Who signs an order and who funds it.
 *
 * <ul>
 *   <li>{@code owner}: the key's own address (the EOA). It signs every order and is always
 *       {@code POLY_ADDRESS} of L1 and L2 authentication.</li>
 *   <li>{@code signer}: the order's {@code signer} field. The EOA for types 0, 1 and 2; the deposit wallet
 *       for type 3 (POLY_1271), which validates the owner's signature itself (ERC-1271).</li>
 *   <li>{@code maker}: the address that holds the funds: the EOA (0), the proxy (1), the Safe (2) or the
 *       deposit wallet (3).</li>
 * </ul>
 */
public record PolymarketWallet(String owner, String signer, PolymarketSignatureType signatureType, String maker) {

    public PolymarketWallet {
        owner = Addresses.requireAddress("signer", owner);
        signer = Addresses.requireAddress("signer", signer);
        if (signatureType == null) {
            throw new IllegalArgumentException("signature_type: missing");
        }
        maker = Addresses.requireAddress("funder_address", maker);
        switch (signatureType) {
            case EOA -> {
                if (!Addresses.sameAddress(owner, maker) || !Addresses.sameAddress(owner, signer)) {
                    throw new IllegalArgumentException(
                            "funder_address: must be the key's own address for signature_type 0");
                }
            }
            case POLY_1271 -> {
                if (!Addresses.sameAddress(signer, maker)) {
                    throw new IllegalArgumentException("funder_address: a deposit wallet is both maker and signer");
                }
                if (Addresses.sameAddress(owner, maker)) {
                    throw new IllegalArgumentException(
                            "funder_address: must be the deposit wallet, not the key's own address, for signature_type 3");
                }
            }
            default -> {
                if (!Addresses.sameAddress(owner, signer)) {
                    throw new IllegalArgumentException("signer: must be the key's own address");
                }
            }
        }
    }

    /**
     * The wallet of a key. {@code funderAddress} may be null for EOA (or equal to the key's address) and
     * is required for POLY_PROXY, POLY_GNOSIS_SAFE and POLY_1271 (the deposit wallet).
     */
    public static PolymarketWallet of(ECKeyPair key, PolymarketSignatureType signatureType, String funderAddress) {
        String eoa = PolymarketKeys.address(key);
        PolymarketSignatureType type = signatureType == null ? PolymarketSignatureType.EOA : signatureType;
        if (funderAddress == null && type != PolymarketSignatureType.EOA) {
            throw new IllegalArgumentException("funder_address: required for signature_type " + type.code());
        }
        String maker = funderAddress == null ? eoa : funderAddress;
        String signer = type == PolymarketSignatureType.POLY_1271 ? maker : eoa;
        return new PolymarketWallet(eoa, signer, type, maker);
    }

    public static PolymarketWallet eoa(ECKeyPair key) {
        return of(key, PolymarketSignatureType.EOA, null);
    }

    /** Whether orders carry the ERC-7739 envelope instead of a plain 65-byte signature. */
    public boolean isDepositWallet() {
        return signatureType == PolymarketSignatureType.POLY_1271;
    }
}
