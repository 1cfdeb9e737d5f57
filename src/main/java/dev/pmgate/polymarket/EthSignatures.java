package dev.pmgate.polymarket;

import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/** 65-byte {@code r ‖ s ‖ v} secp256k1 signatures over a 32-byte digest, as ethers and viem produce them. */
final class EthSignatures {

    private static final Pattern SIGNATURE = Pattern.compile("0x[0-9a-fA-F]{130}");
    private static final BigInteger HALF_ORDER = Sign.CURVE_PARAMS.getN().shiftRight(1);

    private EthSignatures() {}

    /** RFC 6979 deterministic, low-s, v = 27/28; returned as 0x-prefixed lowercase hex. */
    static String sign(byte[] digest, ECKeyPair key) {
        Sign.SignatureData data = Sign.signMessage(digest, key, false);
        byte[] out = new byte[65];
        System.arraycopy(data.getR(), 0, out, 0, 32);
        System.arraycopy(data.getS(), 0, out, 32, 32);
        out[64] = data.getV()[0];
        return Numeric.toHexString(out);
    }

    /**
     * Recovers the checksummed signer address. Rejects malformed signatures, v other than 27/28 and
     * high-s values (as OpenZeppelin's ECDSA library does on chain).
     */
    static String recover(byte[] digest, String signatureHex) {
        if (signatureHex == null || !SIGNATURE.matcher(signatureHex).matches()) {
            throw new IllegalArgumentException("signature: must be 0x followed by 65 bytes of hex");
        }
        byte[] raw = Numeric.hexStringToByteArray(signatureHex);
        byte v = raw[64];
        if (v != 27 && v != 28) {
            throw new IllegalArgumentException("signature: v must be 27 or 28");
        }
        byte[] r = Arrays.copyOfRange(raw, 0, 32);
        byte[] s = Arrays.copyOfRange(raw, 32, 64);
        if (new BigInteger(1, s).compareTo(HALF_ORDER) > 0) {
            throw new IllegalArgumentException("signature: s is not in the lower half order");
        }
        try {
            BigInteger publicKey = Sign.signedMessageHashToKey(digest, new Sign.SignatureData(v, r, s));
            return Keys.toChecksumAddress(Keys.getAddress(publicKey));
        } catch (SignatureException | RuntimeException e) {
            throw new IllegalArgumentException("signature: not recoverable");
        }
    }
}
