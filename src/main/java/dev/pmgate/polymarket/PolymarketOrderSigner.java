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
    /** ExchangeV3, for Protocol-V2 markets (no neg-risk variant). */
    public static final String DOMAIN_VERSION_V3 = "3";
    /** CTF Exchange V2, for markets that are not neg-risk (Polygon and Amoy). */
    public static final String EXCHANGE_V2 = "0xE111180000d2663C0091e4f400237545B87B996B";
    /** Neg-risk CTF Exchange V2 (Polygon and Amoy). */
    public static final String NEG_RISK_EXCHANGE_V2 = "0xe2222d279d744050d28e00520010520000310F59";
    /** ExchangeV3 on Polygon (clob-client-v2 src/config.ts). */
    public static final String EXCHANGE_V3 = "0xe3333700cA9d93003F00f0F71f8515005F6c00Aa";
    /** ExchangeV3 on Amoy. */
    public static final String EXCHANGE_V3_AMOY = "0x9fE6e61422AdB6F610d8597F9684b16912D50C3D";

    static final String ORDER_TYPE = "Order(uint256 salt,address maker,address signer,uint256 tokenId,"
            + "uint256 makerAmount,uint256 takerAmount,uint8 side,uint8 signatureType,uint256 timestamp,"
            + "bytes32 metadata,bytes32 builder)";
    private static final byte[] ORDER_TYPE_HASH = Eip712.typeHash(ORDER_TYPE);

    private final String version;
    private final long chainId;
    private final String verifyingContract;
    private final byte[] domainSeparator;

    private PolymarketOrderSigner(String version, long chainId, String verifyingContract) {
        this.version = version;
        this.chainId = chainId;
        this.verifyingContract = Addresses.requireAddress("verifyingContract", verifyingContract);
        this.domainSeparator = Eip712.domainSeparator(DOMAIN_NAME, version, chainId, this.verifyingContract);
    }

    /** The V2 domain; the exchange follows the market's neg-risk flag. */
    public static PolymarketOrderSigner v2(long chainId, boolean negRisk) {
        return new PolymarketOrderSigner(DOMAIN_VERSION_V2, chainId, negRisk ? NEG_RISK_EXCHANGE_V2 : EXCHANGE_V2);
    }

    /** ExchangeV3, domain "3": every order of a Protocol-V2 market. */
    public static PolymarketOrderSigner v3(long chainId) {
        return new PolymarketOrderSigner(DOMAIN_VERSION_V3, chainId, chainId == 80002 ? EXCHANGE_V3_AMOY : EXCHANGE_V3);
    }

    /** The exchange a market's orders are signed for: ExchangeV3 for Protocol-V2 markets, else by neg-risk. */
    public static PolymarketOrderSigner forMarket(long chainId, boolean protocolV2, boolean negRisk) {
        return protocolV2 ? v3(chainId) : v2(chainId, negRisk);
    }

    /** Any other domain of the same struct (verifiers use it to recognise V1- or V3-domain signatures). */
    public static PolymarketOrderSigner forDomain(String version, long chainId, String verifyingContract) {
        return new PolymarketOrderSigner(version, chainId, verifyingContract);
    }

    public String verifyingContract() {
        return verifyingContract;
    }

    public String version() {
        return version;
    }

    public byte[] domainSeparator() {
        return domainSeparator.clone();
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

    /**
     * Signs with {@code key}. For types 0-2 the key's address must be the order's {@code signer} (a plain
     * 65-byte signature); for a deposit wallet (type 3) the key is the wallet's owner and the signature is
     * the ERC-7739 envelope ({@link DepositWalletSignature}). The order hash is the plain order digest.
     */
    public PolymarketSignedOrder sign(PolymarketOrderV2 order, ECKeyPair key) {
        byte[] digest = digest(order);
        if (order.signatureType() == PolymarketSignatureType.POLY_1271) {
            if (!Addresses.sameAddress(order.maker(), order.signer())) {
                throw new IllegalArgumentException("signer: a deposit-wallet order has maker = signer = the wallet");
            }
            String envelope =
                    DepositWalletSignature.sign(domainSeparator, structHash(order), chainId, order.signer(), key);
            return new PolymarketSignedOrder(order, envelope, Numeric.toHexString(digest));
        }
        if (!Addresses.sameAddress(PolymarketKeys.address(key), order.signer())) {
            throw new IllegalArgumentException("signer: the order signer is not the address of the key");
        }
        return new PolymarketSignedOrder(order, EthSignatures.sign(digest, key), Numeric.toHexString(digest));
    }

    /** Verifier side for deposit wallets: the owner whose envelope this is (see {@link DepositWalletSignature}). */
    public String recoverDepositWalletOwner(PolymarketOrderV2 order, String envelope) {
        return DepositWalletSignature.recoverOwner(
                envelope, domainSeparator, structHash(order), chainId, order.signer());
    }

    /** Verifier side: the checksummed address that produced {@code signature} over this order in this domain. */
    public String recoverSigner(PolymarketOrderV2 order, String signature) {
        return EthSignatures.recover(digest(order), signature);
    }
}
