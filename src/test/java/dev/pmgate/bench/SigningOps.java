package dev.pmgate.bench;

import dev.pmgate.kalshi.KalshiKeyParser;
import dev.pmgate.kalshi.KalshiSigner;
import dev.pmgate.kalshi.KalshiSigningKey;
import dev.pmgate.kalshi.RsaSignatureFactory;
import dev.pmgate.polymarket.PolymarketAmounts;
import dev.pmgate.polymarket.PolymarketIdempotency;
import dev.pmgate.polymarket.PolymarketKeys;
import dev.pmgate.polymarket.PolymarketL1Auth;
import dev.pmgate.polymarket.PolymarketL2Auth;
import dev.pmgate.polymarket.PolymarketOrderSigner;
import dev.pmgate.polymarket.PolymarketOrderV2;
import dev.pmgate.polymarket.PolymarketSide;
import dev.pmgate.polymarket.PolymarketWallet;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.concurrent.atomic.AtomicLong;
import org.web3j.crypto.ECKeyPair;

/**
 * The signing work pmgate does, as single operations for {@link TimedLoop}: "warm" operations sign
 * with an already-parsed key; "per request" operations do what one gateway request does with its
 * transient credentials (parse the key, every signature the request needs, close).
 */
final class SigningOps {

    static final long CHAIN_ID = 137;
    static final byte[] KALSHI_TEXT = KalshiSigner.preSignText(
                    1_767_225_600_000L, "GET", "/trade-api/v2/portfolio/balance")
            .getBytes(StandardCharsets.UTF_8);
    /** About the size of a V2 order envelope pmgate posts. */
    static final byte[] ORDER_BODY =
            ("{\"order\":{\"salt\":1234567890123,\"maker\":\"0x0000000000000000000000000000000000000000\","
                            + "\"signer\":\"0x0000000000000000000000000000000000000000\",\"tokenId\":\""
                            + "7".repeat(77) + "\","
                            + "\"makerAmount\":\"100000\",\"takerAmount\":\"10000000\",\"side\":\"BUY\",\"signatureType\":0,"
                            + "\"timestamp\":\"1767225600000\",\"metadata\":\"0x" + "0".repeat(64)
                            + "\",\"builder\":\"0x" + "0".repeat(64)
                            + "\",\"expiration\":\"0\",\"signature\":\"0x" + "ab".repeat(65)
                            + "\"},\"owner\":\"00000000-0000-0000-0000-000000000000\","
                            + "\"orderType\":\"GTC\",\"postOnly\":false,\"deferExec\":false}")
                    .getBytes(StandardCharsets.UTF_8);

    private static final PolymarketAmounts.Amounts AMOUNTS = PolymarketAmounts.limitOrder(
            PolymarketSide.BUY, new BigDecimal("0.01"), BigDecimal.TEN, new BigDecimal("0.01"));
    private static final AtomicLong SALT = new AtomicLong(1);

    private SigningOps() {}

    // ---- RSA-PSS, warm key --------------------------------------------------------------------

    /** RSA-PSS sign through a provider with a key already in that provider's form; fresh Signature each time, as pmgate. */
    static TimedLoop.Op rsaWarm(Provider provider, PrivateKey jdkKey) throws Exception {
        PrivateKey key =
                KeyFactory.getInstance("RSA", provider).generatePrivate(new PKCS8EncodedKeySpec(jdkKey.getEncoded()));
        return () -> {
            Signature s = Signature.getInstance("RSASSA-PSS", provider);
            s.setParameter(KalshiSigningKey.PSS_SHA256_SALT32);
            s.initSign(key);
            s.update(KALSHI_TEXT);
            return s.sign();
        };
    }

    /** The same through pmgate's factory (whatever provider it chose). */
    static TimedLoop.Op rsaWarm(RsaSignatureFactory factory, PrivateKey jdkKey) throws Exception {
        PrivateKey key = factory.prepare(jdkKey);
        return () -> {
            Signature s = factory.newPssSignature();
            s.initSign(key);
            s.update(KALSHI_TEXT);
            return s.sign();
        };
    }

    /** Only the per-request provider plumbing: {@code Signature.getInstance(alg, provider)} + PSS parameters. */
    static TimedLoop.Op rsaSignatureObjectOnly(RsaSignatureFactory factory) {
        return factory::newPssSignature;
    }

    // ---- Kalshi, per request --------------------------------------------------------------------

    /** One Kalshi request's crypto: parse the PEM (RSA or Ed25519), sign the pre-sign text once, close. */
    static TimedLoop.Op kalshiPerRequest(RsaSignatureFactory factory, String pem) {
        KalshiKeyParser parser = new KalshiKeyParser(factory);
        String text = new String(KALSHI_TEXT, StandardCharsets.UTF_8);
        return () -> {
            try (KalshiSigningKey key = parser.parse(pem)) {
                return key.sign(text);
            }
        };
    }

    /**
     * The RSA per-request path as it was before the CRT import (kept to measure the change): parse the
     * PEM with the JDK, hand the native provider the PKCS#8 encoding (its parser runs a full key check),
     * sign.
     */
    static TimedLoop.Op kalshiPerRequestPkcs8Import(RsaSignatureFactory factory, String pem) throws Exception {
        java.security.Provider provider = factory.newPssSignature().getProvider();
        KalshiKeyParser jdkParser = new KalshiKeyParser(RsaSignatureFactory.jdk());
        java.lang.reflect.Field keyField = KalshiSigningKey.Rsa.class.getDeclaredField("key");
        keyField.setAccessible(true);
        return () -> {
            try (KalshiSigningKey parsed = jdkParser.parse(pem)) {
                byte[] encoded = ((PrivateKey) keyField.get(parsed)).getEncoded();
                PrivateKey imported;
                try {
                    imported =
                            KeyFactory.getInstance("RSA", provider).generatePrivate(new PKCS8EncodedKeySpec(encoded));
                } finally {
                    java.util.Arrays.fill(encoded, (byte) 0);
                }
                Signature s = factory.newPssSignature();
                s.initSign(imported);
                s.update(KALSHI_TEXT);
                return s.sign();
            }
        };
    }

    /** Kalshi signing with an already-parsed key (RSA or Ed25519 through pmgate's own KalshiSigningKey). */
    static TimedLoop.Op kalshiWarm(RsaSignatureFactory factory, String pem) {
        KalshiSigningKey key = new KalshiKeyParser(factory).parse(pem);
        String text = new String(KALSHI_TEXT, StandardCharsets.UTF_8);
        return () -> key.sign(text);
    }

    /** Ed25519 through the JDK's SunEC, for reference. */
    static TimedLoop.Op ed25519Jdk(PrivateKey jdkKey) {
        return () -> {
            Signature s = Signature.getInstance("Ed25519", "SunEC");
            s.initSign(jdkKey);
            s.update(KALSHI_TEXT);
            return s.sign();
        };
    }

    // ---- Polymarket -----------------------------------------------------------------------------

    static BigInteger tokenId() {
        return new BigInteger("71321045679252212594626385532706912750332728571942532289631379312455583992563");
    }

    static PolymarketOrderV2 order(ECKeyPair key, BigInteger tokenId) {
        return PolymarketOrderV2.limit(
                PolymarketWallet.eoa(key),
                tokenId,
                PolymarketSide.BUY,
                AMOUNTS,
                new PolymarketIdempotency.OrderIdentity(SALT.incrementAndGet(), 1_767_225_600_000L),
                0);
    }

    /** EIP-712 V2 order: build and sign with a parsed key. */
    static TimedLoop.Op orderSignWarm(String privateKeyHex) {
        ECKeyPair key = PolymarketKeys.keyPair(privateKeyHex.toCharArray());
        PolymarketOrderSigner signer = PolymarketOrderSigner.v2(CHAIN_ID, false);
        BigInteger token = tokenId();
        return () -> signer.sign(order(key, token), key);
    }

    /** secp256k1 key parse (private scalar → public point → address), done once per request. */
    static TimedLoop.Op polymarketKeyParse(String privateKeyHex) {
        return () -> PolymarketWallet.eoa(PolymarketKeys.keyPair(privateKeyHex.toCharArray()));
    }

    /** L1 ClobAuth EIP-712 headers (key-only sessions, once per derive). */
    static TimedLoop.Op l1Warm(String privateKeyHex) {
        ECKeyPair key = PolymarketKeys.keyPair(privateKeyHex.toCharArray());
        return () -> PolymarketL1Auth.headers(key, 1_767_225_600L, 0, CHAIN_ID);
    }

    /** L2 HMAC-SHA256 headers over an order-sized body. */
    static TimedLoop.Op l2Hmac(String address, String apiKey, String secret, String passphrase) {
        PolymarketL2Auth l2 = new PolymarketL2Auth(address, apiKey, secret.toCharArray(), passphrase.toCharArray());
        return () -> l2.headers(1_767_225_600L, "POST", "/order", ORDER_BODY);
    }

    /**
     * One Polymarket create-order request's crypto: parse the key, (key-only: L1-sign the derive call
     * and set up the derived L2 credentials), sign the V2 order, L2-sign the POST.
     */
    static TimedLoop.Op polymarketCreatePerRequest(
            String privateKeyHex, String apiKey, String secret, String passphrase, boolean keyOnly) {
        PolymarketOrderSigner signer = PolymarketOrderSigner.v2(CHAIN_ID, false);
        BigInteger token = tokenId();
        return () -> {
            ECKeyPair key = PolymarketKeys.keyPair(privateKeyHex.toCharArray());
            String address = PolymarketKeys.address(key);
            Object l1 = keyOnly ? PolymarketL1Auth.headers(key, 1_767_225_600L, 0, CHAIN_ID) : null;
            var signed = signer.sign(order(key, token), key);
            try (PolymarketL2Auth l2 =
                    new PolymarketL2Auth(address, apiKey, secret.toCharArray(), passphrase.toCharArray())) {
                return new Object[] {l1, signed, l2.headers(1_767_225_600L, "POST", "/order", ORDER_BODY)};
            }
        };
    }
}
