package dev.pmgate.polymarket;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.web3j.crypto.ECKeyPair;

/**
 * L1 authentication for {@code POST /auth/api-key} and {@code GET /auth/derive-api-key}: an EIP-712
 * {@code ClobAuth} signature by the wallet key, domain {@code {name "ClobAuthDomain", version "1", chainId}}
 * (no verifying contract). The timestamp is signed as a decimal string, the nonce as uint256.
 */
public final class PolymarketL1Auth {

    public static final String DOMAIN_NAME = "ClobAuthDomain";
    public static final String DOMAIN_VERSION = "1";
    public static final String ATTESTATION = "This message attests that I control the given wallet";
    static final String CLOB_AUTH_TYPE = "ClobAuth(address address,string timestamp,uint256 nonce,string message)";

    private PolymarketL1Auth() {}

    /** The four L1 headers, in the order the official client sends them. */
    public static Map<String, String> headers(ECKeyPair key, long timestampSeconds, long nonce, long chainId) {
        if (nonce < 0) {
            throw new IllegalArgumentException("nonce: must not be negative");
        }
        String address = PolymarketKeys.address(key);
        String timestamp = Long.toString(timestampSeconds);
        byte[] digest = digest(address, timestamp, BigInteger.valueOf(nonce), chainId);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(PolymarketHeaders.POLY_ADDRESS, address);
        headers.put(PolymarketHeaders.POLY_SIGNATURE, EthSignatures.sign(digest, key));
        headers.put(PolymarketHeaders.POLY_TIMESTAMP, timestamp);
        headers.put(PolymarketHeaders.POLY_NONCE, Long.toString(nonce));
        return headers;
    }

    /** The EIP-712 digest the wallet signs. */
    public static byte[] digest(String address, String timestamp, BigInteger nonce, long chainId) {
        byte[] structHash = Eip712.hashWords(
                Eip712.typeHash(CLOB_AUTH_TYPE),
                Eip712.address(address),
                Eip712.string(timestamp),
                Eip712.uint256(nonce),
                Eip712.string(ATTESTATION));
        return Eip712.digest(Eip712.domainSeparator(DOMAIN_NAME, DOMAIN_VERSION, chainId, null), structHash);
    }

    /**
     * Verifier side: recovers the checksummed address that signed these header values. The caller
     * compares it with {@code POLY_ADDRESS}. Malformed input throws {@link IllegalArgumentException}.
     */
    public static String recoverSigner(String address, String timestamp, String nonce, String signature, long chainId) {
        BigInteger parsedNonce;
        try {
            parsedNonce = new BigInteger(nonce);
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("nonce: must be a decimal integer");
        }
        if (timestamp == null) {
            throw new IllegalArgumentException("timestamp: missing");
        }
        return EthSignatures.recover(digest(address, timestamp, parsedNonce, chainId), signature);
    }
}
