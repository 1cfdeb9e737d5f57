package dev.pmgate.sandbox;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Kalshi request authentication (docs/exchanges.md K2): three {@code KALSHI-ACCESS-*}
 * headers, a millisecond timestamp inside an asymmetric window, and a signature over
 * {@code ts + METHOD + rawPath} (path as received, with {@code /trade-api/v2}, without the query),
 * verified with RSASSA-PSS (SHA-256, MGF1-SHA-256, salt 32, trailer 1) or Ed25519 depending on the key.
 */
final class FakeKalshiAuth {
    static final String KEY_HEADER = "KALSHI-ACCESS-KEY";
    static final String TIMESTAMP_HEADER = "KALSHI-ACCESS-TIMESTAMP";
    static final String SIGNATURE_HEADER = "KALSHI-ACCESS-SIGNATURE";

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
    private static final PSSParameterSpec KALSHI_PSS =
            new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);

    enum Algorithm {
        RSA_PSS,
        ED25519
    }

    record RegisteredKey(String keyId, PublicKey publicKey, Algorithm algorithm, String userId) {}

    /** Header access, case-insensitive by name. */
    interface Headers {
        String first(String name);
    }

    private final Map<String, RegisteredKey> keys = new ConcurrentHashMap<>();
    private volatile Duration pastWindow = Duration.ofSeconds(10);
    private volatile Duration futureWindow = Duration.ofSeconds(60);
    private volatile boolean lenientPssSalt;

    void window(Duration past, Duration future) {
        if (past.isNegative() || future.isNegative()) {
            throw new IllegalArgumentException("windows must not be negative");
        }
        this.pastWindow = past;
        this.futureWindow = future;
    }

    Duration pastWindow() {
        return pastWindow;
    }

    Duration futureWindow() {
        return futureWindow;
    }

    void lenientPssSalt(boolean lenient) {
        this.lenientPssSalt = lenient;
    }

    void register(String keyId, PublicKey publicKey, String userId) {
        if (keyId == null || keyId.isEmpty()) {
            throw new IllegalArgumentException("keyId required");
        }
        PublicKey normalized;
        Algorithm algorithm;
        byte[] spki = publicKey.getEncoded();
        if (publicKey instanceof RSAPublicKey) {
            normalized = publicKey;
            algorithm = Algorithm.RSA_PSS;
        } else {
            try {
                // JDK's Ed25519 KeyFactory refuses other curves (Ed448) and other key types.
                normalized = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
                algorithm = Algorithm.ED25519;
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new IllegalArgumentException(
                        "only RSA and Ed25519 public keys are supported, got " + publicKey.getAlgorithm(), e);
            }
        }
        keys.put(keyId, new RegisteredKey(keyId, normalized, algorithm, userId));
    }

    /** Forgets every key of the given users (sandbox eviction). */
    void removeUsers(java.util.Collection<String> userIds) {
        if (!userIds.isEmpty()) {
            keys.values().removeIf(k -> userIds.contains(k.userId()));
        }
    }

    int keyCount() {
        return keys.size();
    }

    RegisteredKey key(String keyId) {
        return keys.get(keyId);
    }

    /** Parses an SPKI {@code BEGIN PUBLIC KEY} PEM holding an RSA or Ed25519 key. */
    static PublicKey parsePublicKeyPem(String pem) {
        String b64 = pem.replace("\\n", "\n")
                .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        X509EncodedKeySpec spec = new X509EncodedKeySpec(Base64.getDecoder().decode(b64));
        for (String alg : new String[] {"RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(alg).generatePublic(spec);
            } catch (GeneralSecurityException e) {
                // try next
            }
        }
        throw new IllegalArgumentException("not an RSA or Ed25519 SubjectPublicKeyInfo PEM");
    }

    /**
     * Authenticates a request.
     *
     * @return the user id behind the key
     * @throws KalshiApiError 401 with Kalshi's bodies
     */
    String authenticate(String method, String rawPath, Headers headers, long nowMillis) {
        String signature = headers.first(SIGNATURE_HEADER);
        if (signature == null || signature.isEmpty()) {
            throw KalshiApiError.nested(
                    401, "signature_is_missing_from_headers", "signature is missing from headers", null);
        }
        String keyId = headers.first(KEY_HEADER);
        if (keyId == null || keyId.isEmpty()) {
            throw notFound();
        }
        String ts = headers.first(TIMESTAMP_HEADER);
        if (ts == null || !DIGITS.matcher(ts).matches()) {
            throw expired();
        }
        long tsMillis;
        try {
            tsMillis = Long.parseLong(ts);
        } catch (NumberFormatException e) {
            throw expired();
        }
        if (tsMillis < nowMillis - pastWindow.toMillis() || tsMillis > nowMillis + futureWindow.toMillis()) {
            throw expired();
        }
        RegisteredKey key = keys.get(keyId);
        if (key == null) {
            throw notFound();
        }
        byte[] sig = decodeStrictBase64(signature);
        byte[] message = (ts + method + rawPath).getBytes(StandardCharsets.UTF_8);
        if (sig == null || !verify(key, message, sig)) {
            throw KalshiApiError.nested(
                    401, "authentication_error", "authentication_error", "INCORRECT_API_KEY_SIGNATURE");
        }
        return key.userId();
    }

    private static KalshiApiError notFound() {
        return KalshiApiError.nested(401, "authentication_error", "authentication_error", "NOT_FOUND");
    }

    private static KalshiApiError expired() {
        return KalshiApiError.nested(401, "header_timestamp_expired", "header timestamp expired", null);
    }

    /** Standard alphabet, padded, canonical (what Go's {@code base64.StdEncoding} accepts). */
    static byte[] decodeStrictBase64(String s) {
        if (s.length() % 4 != 0) {
            return null;
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(s);
            return Base64.getEncoder().encodeToString(decoded).equals(s) ? decoded : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private boolean verify(RegisteredKey key, byte[] message, byte[] sig) {
        try {
            if (key.algorithm() == Algorithm.ED25519) {
                Signature v = Signature.getInstance("Ed25519");
                v.initVerify(key.publicKey());
                v.update(message);
                return v.verify(sig);
            }
            RSAPublicKey rsa = (RSAPublicKey) key.publicKey();
            if (lenientPssSalt) {
                return verifyPssAnySalt(rsa, message, sig);
            }
            Signature v = Signature.getInstance("RSASSA-PSS");
            v.setParameter(KALSHI_PSS);
            v.initVerify(rsa);
            v.update(message);
            return v.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * EMSA-PSS-VERIFY (RFC 8017 §9.1.2) with SHA-256/MGF1-SHA-256 and trailer 0xBC, where the salt length
     * is recovered from the encoded message instead of being fixed at 32 (the "lenient salt" mode).
     */
    static boolean verifyPssAnySalt(RSAPublicKey key, byte[] message, byte[] sig) throws GeneralSecurityException {
        BigInteger n = key.getModulus();
        int k = (n.bitLength() + 7) / 8;
        if (sig.length != k) {
            return false;
        }
        BigInteger s = new BigInteger(1, sig);
        if (s.compareTo(n) >= 0) {
            return false;
        }
        int emBits = n.bitLength() - 1;
        int emLen = (emBits + 7) / 8;
        byte[] m = s.modPow(key.getPublicExponent(), n).toByteArray();
        byte[] em = new byte[emLen];
        int copy = Math.min(m.length, emLen);
        if (m.length > emLen && new BigInteger(1, Arrays.copyOf(m, m.length - emLen)).signum() != 0) {
            return false;
        }
        System.arraycopy(m, m.length - copy, em, emLen - copy, copy);
        int hLen = 32;
        if (emLen < hLen + 2 || (em[emLen - 1] & 0xFF) != 0xBC) {
            return false;
        }
        int dbLen = emLen - hLen - 1;
        byte[] maskedDb = Arrays.copyOfRange(em, 0, dbLen);
        byte[] h = Arrays.copyOfRange(em, dbLen, dbLen + hLen);
        int topBits = 8 * emLen - emBits;
        int topMask = 0xFF >>> topBits;
        if ((maskedDb[0] & ~topMask & 0xFF) != 0) {
            return false;
        }
        byte[] dbMask = mgf1Sha256(h, dbLen);
        byte[] db = new byte[dbLen];
        for (int i = 0; i < dbLen; i++) {
            db[i] = (byte) (maskedDb[i] ^ dbMask[i]);
        }
        db[0] = (byte) (db[0] & topMask);
        int i = 0;
        while (i < dbLen && db[i] == 0) {
            i++;
        }
        if (i == dbLen || db[i] != 0x01) {
            return false;
        }
        byte[] salt = Arrays.copyOfRange(db, i + 1, dbLen);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] mHash = sha.digest(message);
        sha.update(new byte[8]);
        sha.update(mHash);
        sha.update(salt);
        return MessageDigest.isEqual(h, sha.digest());
    }

    private static byte[] mgf1Sha256(byte[] seed, int len) throws GeneralSecurityException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] out = new byte[len];
        int pos = 0;
        for (int counter = 0; pos < len; counter++) {
            sha.update(seed);
            sha.update(
                    new byte[] {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter
                    });
            byte[] block = sha.digest();
            int n = Math.min(block.length, len - pos);
            System.arraycopy(block, 0, out, pos, n);
            pos += n;
        }
        return out;
    }
}
