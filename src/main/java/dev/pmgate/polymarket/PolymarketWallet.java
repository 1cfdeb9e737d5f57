package dev.pmgate.polymarket;

import org.web3j.crypto.ECKeyPair;

/**
 * Who signs an order and who funds it. {@code signer} is always the key's address; {@code maker} is the
 * funder for proxy and Safe wallets and the signer itself for EOAs.
 */
public record PolymarketWallet(String signer, PolymarketSignatureType signatureType, String maker) {

    public PolymarketWallet {
        signer = Addresses.requireAddress("signer", signer);
        if (signatureType == null) {
            throw new IllegalArgumentException("signature_type: missing");
        }
        maker = Addresses.requireAddress("funder_address", maker);
        if (signatureType == PolymarketSignatureType.EOA && !Addresses.sameAddress(signer, maker)) {
            throw new IllegalArgumentException("funder_address: must be the key's own address for signature_type 0");
        }
    }

    /**
     * The wallet of a key. {@code funderAddress} may be null for EOA (or equal to the key's address) and
     * is required for POLY_PROXY and POLY_GNOSIS_SAFE.
     */
    public static PolymarketWallet of(ECKeyPair key, PolymarketSignatureType signatureType, String funderAddress) {
        String signer = PolymarketKeys.address(key);
        PolymarketSignatureType type = signatureType == null ? PolymarketSignatureType.EOA : signatureType;
        if (funderAddress == null && type != PolymarketSignatureType.EOA) {
            throw new IllegalArgumentException("funder_address: required for signature_type " + type.code());
        }
        return new PolymarketWallet(signer, type, funderAddress == null ? signer : funderAddress);
    }

    public static PolymarketWallet eoa(ECKeyPair key) {
        return of(key, PolymarketSignatureType.EOA, null);
    }
}
