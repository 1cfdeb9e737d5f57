package dev.pmgate.polymarket;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

/**
 * The ERC-7739 {@code TypedDataSign} envelope a deposit wallet (signatureType 3, POLY_1271) validates in
 * {@code isValidSignature(orderHash, signature)}, as the official clients build it
 * (@polymarket/client src/exchange.ts createExchangeOrderSignature; clob-client-v2
 * order-utils/exchangeOrderBuilderV2.js buildOrderSignature):
 *
 * <pre>
 * inner     = owner's signature over EIP-712 TypedDataSign{contents: Order, name: "DepositWallet", version: "1",
 *             chainId, verifyingContract: wallet, salt: 0x00…00} under the EXCHANGE's domain
 * envelope  = inner(65) ‖ exchangeDomainSeparator(32) ‖ orderStructHash(32) ‖ utf8(Order type string) ‖ uint16 BE length
 * </pre>
 */
public final class DepositWalletSignature {

    /** The wallet's own EIP-712 name and version (what it mixes into TypedDataSign). */
    public static final String WALLET_NAME = "DepositWallet";

    public static final String WALLET_VERSION = "1";
    static final String TYPED_DATA_SIGN_TYPE = "TypedDataSign(Order contents,string name,string version,"
            + "uint256 chainId,address verifyingContract,bytes32 salt)" + PolymarketOrderSigner.ORDER_TYPE;
    private static final byte[] TYPED_DATA_SIGN_TYPE_HASH = Eip712.typeHash(TYPED_DATA_SIGN_TYPE);
    private static final byte[] CONTENTS_TYPE = PolymarketOrderSigner.ORDER_TYPE.getBytes(StandardCharsets.UTF_8);
    private static final byte[] ZERO_WORD = new byte[32];

    /** The parts of an envelope. */
    public record Envelope(
            String innerSignature, byte[] appDomainSeparator, byte[] contentsHash, String contentsType) {}

    private DepositWalletSignature() {}

    /** The digest the owner signs: {@code 0x1901 ‖ exchangeDomainSeparator ‖ hashStruct(TypedDataSign)}. */
    public static byte[] typedDataSignDigest(
            byte[] exchangeDomainSeparator, byte[] orderStructHash, long chainId, String wallet) {
        byte[] structHash = Eip712.hashWords(
                TYPED_DATA_SIGN_TYPE_HASH,
                orderStructHash,
                Eip712.string(WALLET_NAME),
                Eip712.string(WALLET_VERSION),
                Eip712.uint256(chainId),
                Eip712.address(wallet),
                ZERO_WORD);
        return Eip712.digest(exchangeDomainSeparator, structHash);
    }

    /** Signs as the wallet's owner and wraps the signature; returns the 317-byte envelope as 0x hex. */
    static String sign(
            byte[] exchangeDomainSeparator, byte[] orderStructHash, long chainId, String wallet, ECKeyPair owner) {
        String inner = EthSignatures.sign(
                typedDataSignDigest(exchangeDomainSeparator, orderStructHash, chainId, wallet), owner);
        return Numeric.toHexString(wrap(Numeric.hexStringToByteArray(inner), exchangeDomainSeparator, orderStructHash));
    }

    static byte[] wrap(byte[] inner, byte[] appDomainSeparator, byte[] contentsHash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(65 + 64 + CONTENTS_TYPE.length + 2);
        out.writeBytes(inner);
        out.writeBytes(appDomainSeparator);
        out.writeBytes(contentsHash);
        out.writeBytes(CONTENTS_TYPE);
        out.write((CONTENTS_TYPE.length >>> 8) & 0xff);
        out.write(CONTENTS_TYPE.length & 0xff);
        return out.toByteArray();
    }

    /** Splits an envelope (verifier side); throws on anything that is not one. */
    public static Envelope parse(String signatureHex) {
        if (signatureHex == null || !signatureHex.matches("0x([0-9a-fA-F]{2}){132,2048}")) {
            throw new IllegalArgumentException("signature: not an ERC-7739 envelope");
        }
        byte[] raw = Numeric.hexStringToByteArray(signatureHex);
        int typeLength = ((raw[raw.length - 2] & 0xff) << 8) | (raw[raw.length - 1] & 0xff);
        if (raw.length != 65 + 32 + 32 + typeLength + 2) {
            throw new IllegalArgumentException("signature: ERC-7739 envelope length does not add up");
        }
        return new Envelope(
                Numeric.toHexString(Arrays.copyOfRange(raw, 0, 65)),
                Arrays.copyOfRange(raw, 65, 97),
                Arrays.copyOfRange(raw, 97, 129),
                new String(raw, 129, typeLength, StandardCharsets.UTF_8));
    }

    /**
     * What the wallet checks: the envelope is for this exchange domain, this order and the Order type, and
     * its inner signature recovers to the owner. Returns the recovered owner address.
     */
    public static String recoverOwner(
            String signatureHex, byte[] exchangeDomainSeparator, byte[] orderStructHash, long chainId, String wallet) {
        Envelope envelope = parse(signatureHex);
        if (!Arrays.equals(envelope.appDomainSeparator(), exchangeDomainSeparator)) {
            throw new IllegalArgumentException("signature: envelope is for another exchange domain");
        }
        if (!Arrays.equals(envelope.contentsHash(), orderStructHash)) {
            throw new IllegalArgumentException("signature: envelope is for another order");
        }
        if (!PolymarketOrderSigner.ORDER_TYPE.equals(envelope.contentsType())) {
            throw new IllegalArgumentException("signature: envelope contents type is not the Order type");
        }
        return EthSignatures.recover(
                typedDataSignDigest(exchangeDomainSeparator, orderStructHash, chainId, wallet),
                envelope.innerSignature());
    }
}
