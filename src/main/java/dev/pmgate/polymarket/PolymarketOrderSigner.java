package dev.pmgate.polymarket;

import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

/**
 * EIP-712 hashing and signing of V2 orders for one exchange domain
 * ({@code {name "Polymarket CTF Exchange", version, chainId, verifyingContract}}).
 * The order hash (EIP-712 digest) is also the CLOB's order id.
 */
public final class PolymarketOrderSigner {

    public static final String DOMAIN_NAME = "Polymarket CTF Exchange";
    public static final String DOMAIN_VERSION_V2 = "2";
    /** CTF Exchange V2, for markets that are not neg-risk (Polygon and Amoy). */
    public static final String EXCHANGE_V2 = "0xE111180000d2663C0091e4f400237545B87B996B";
    /** Neg-risk CTF Exchange V2 (Polygon and Amoy). */
    public static final String NEG_RISK_EXCHANGE_V2 = "0xe2222d279d744050d28e00520010520000310F59";
    static final String ORDER_TYPE = "Order(uint256 salt,address maker,address signer,uint256 tokenId,"
            + "uint256 makerAmount,uint256 takerAmount,uint8 side,uint8 signatureType,uint256 timestamp,"
            + "bytes32 metadata,bytes32 builder)";
    private static final byte[] ORDER_TYPE_HASH = Eip712.typeHash(ORDER_TYPE);

    private final String verifyingContract;
    private final byte[] domainSeparator;

    private PolymarketOrderSigner(String version, long chainId, String verifyingContract) {
        this.verifyingContract = Addresses.requireAddress("verifyingContract", verifyingContract);
        this.domainSeparator = Eip712.domainSeparator(DOMAIN_NAME, version, chainId, this.verifyingContract);
    }

    /** The V2 domain; the exchange follows the market's neg-risk flag. */
    public static PolymarketOrderSigner v2(long chainId, boolean negRisk) {
        return new PolymarketOrderSigner(DOMAIN_VERSION_V2, chainId, negRisk ? NEG_RISK_EXCHANGE_V2 : EXCHANGE_V2);
    }

    /** Any other domain of the same struct (verifiers use it to recognise V1- or V3-domain signatures). */
    public static PolymarketOrderSigner forDomain(String version, long chainId, String verifyingContract) {
        return new PolymarketOrderSigner(version, chainId, verifyingContract);
    }

    public String verifyingContract() {
        return verifyingContract;
    }

    public String domainSeparatorHex() {
        return Numeric.toHexString(domainSeparator);
    }

    /** {@code hashStruct(order)}: independent of the domain. */
    public static byte[] structHash(PolymarketOrderV2 order) {
        return Eip712.hashWords(
                ORDER_TYPE_HASH,
                Eip712.uint256(order.salt()),
                Eip712.address(order.maker()),
                Eip712.address(order.signer()),
                Eip712.uint256(order.tokenId()),
                Eip712.uint256(order.makerAmount()),
                Eip712.uint256(order.takerAmount()),
                Eip712.uint256(order.side().signedValue()),
                Eip712.uint256(order.signatureType().code()),
                Eip712.uint256(order.timestamp()),
                Eip712.bytes32(order.metadata()),
                Eip712.bytes32(order.builder()));
    }

    public byte[] digest(PolymarketOrderV2 order) {
        return Eip712.digest(domainSeparator, structHash(order));
    }

    /** The order hash as 0x-prefixed lowercase hex. */
    public String orderHash(PolymarketOrderV2 order) {
        return Numeric.toHexString(digest(order));
    }

    /** Signs with the key whose address must be the order's {@code signer}. */
    public PolymarketSignedOrder sign(PolymarketOrderV2 order, ECKeyPair key) {
        if (!Addresses.sameAddress(PolymarketKeys.address(key), order.signer())) {
            throw new IllegalArgumentException("signer: the order signer is not the address of the key");
        }
        byte[] digest = digest(order);
        return new PolymarketSignedOrder(order, EthSignatures.sign(digest, key), Numeric.toHexString(digest));
    }

    /** Verifier side: the checksummed address that produced {@code signature} over this order in this domain. */
    public String recoverSigner(PolymarketOrderV2 order, String signature) {
        return EthSignatures.recover(digest(order), signature);
    }
}
