package dev.pmgate.polymarket;

import dev.pmgate.credentials.Secrets;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * L2 authentication: {@code POLY_SIGNATURE = base64url(HMAC-SHA256(base64decode(secret),
 * timestamp + METHOD + path + body))} with the {@code =} padding kept. The path carries no query
 * string and the body is the exact byte sequence sent on the wire.
 *
 * <p>An instance holds copies of the secret (decoded) and the passphrase for one session and zeroes
 * them on {@link #close()}; the caller may zero its own arrays right after construction.
 */
public final class PolymarketL2Auth implements AutoCloseable {

    /** An HTTP token; signed exactly as given, so pass the method as it goes on the wire ("GET", "POST", "DELETE"). */
    private static final Pattern METHOD = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final String address;
    private final String apiKey;
    private final byte[] secretKey;
    private final char[] passphrase;

    public PolymarketL2Auth(String address, String apiKey, char[] secret, char[] passphrase) {
        this(address, apiKey, secret, passphrase, false);
    }

    /** Same as the {@code char[]} constructor with secret and passphrase given as UTF-8 bytes. */
    public PolymarketL2Auth(String address, String apiKey, byte[] secret, byte[] passphrase) {
        this(address, apiKey, utf8Chars("clob_api_secret", secret), utf8Chars("clob_api_passphrase", passphrase), true);
    }

    private PolymarketL2Auth(String address, String apiKey, char[] secret, char[] passphrase, boolean ownsArrays) {
        try {
            this.address = Addresses.requireAddress("address", address);
            this.apiKey = requireText("clob_api_key", apiKey);
            if (passphrase == null || passphrase.length == 0) {
                throw new IllegalArgumentException("clob_api_passphrase: missing");
            }
            this.secretKey = decodeSecret(secret);
            this.passphrase = passphrase.clone();
        } finally {
            if (ownsArrays) {
                Arrays.fill(secret, '\0');
                Arrays.fill(passphrase, '\0');
            }
        }
    }

    /** The CLOB API key (not a secret: it is the order's {@code owner}). */
    public String apiKey() {
        return apiKey;
    }

    /** The five L2 headers, in the order the official client sends them. */
    public Map<String, String> headers(long timestampSeconds, String method, String requestPath, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(PolymarketHeaders.POLY_ADDRESS, address);
        headers.put(PolymarketHeaders.POLY_SIGNATURE, signature(timestampSeconds, method, requestPath, body));
        headers.put(PolymarketHeaders.POLY_TIMESTAMP, Long.toString(timestampSeconds));
        headers.put(PolymarketHeaders.POLY_API_KEY, apiKey);
        headers.put(PolymarketHeaders.POLY_PASSPHRASE, new String(passphrase));
        return headers;
    }

    /** {@code POLY_SIGNATURE} for one request; {@code body} may be null (no body). */
    public String signature(long timestampSeconds, String method, String requestPath, byte[] body) {
        return hmac(secretKey, Long.toString(timestampSeconds), method, requestPath, body);
    }

    /**
     * Verifier side: the signature a server expects for a request, given the secret as the base64
     * text the CLOB issued (either alphabet, padding optional).
     */
    public static String signature(char[] secret, String timestamp, String method, String requestPath, byte[] body) {
        byte[] key = decodeSecret(secret);
        try {
            return hmac(key, timestamp, method, requestPath, body);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public void close() {
        Arrays.fill(secretKey, (byte) 0);
        Arrays.fill(passphrase, '\0');
    }

    private static String hmac(byte[] key, String timestamp, String method, String requestPath, byte[] body) {
        if (method == null || !METHOD.matcher(method).matches()) {
            throw new IllegalArgumentException("method: must be an HTTP method name");
        }
        if (timestamp == null || timestamp.isEmpty()) {
            throw new IllegalArgumentException("timestamp: missing");
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes((timestamp + method + pathWithoutQuery(requestPath)).getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            message.writeBytes(body);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().encodeToString(mac.doFinal(message.toByteArray()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static String pathWithoutQuery(String requestPath) {
        if (requestPath == null || !requestPath.startsWith("/")) {
            throw new IllegalArgumentException("path: must start with /");
        }
        int query = requestPath.indexOf('?');
        return query < 0 ? requestPath : requestPath.substring(0, query);
    }

    /** Accepts standard and url-safe base64, with or without padding; the value never appears in an error. */
    private static byte[] decodeSecret(char[] secret) {
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("clob_api_secret: missing");
        }
        byte[] ascii = new byte[secret.length];
        try {
            for (int i = 0; i < secret.length; i++) {
                ascii[i] = (byte) base64Char(secret[i]);
            }
            byte[] key = Secrets.decodeBase64(ascii);
            if (key.length == 0) {
                throw new IllegalArgumentException("clob_api_secret: not valid base64");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("clob_api_secret: not valid base64");
        } finally {
            Arrays.fill(ascii, (byte) 0);
        }
    }

    private static char base64Char(char c) {
        boolean valid = (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '+'
                || c == '/'
                || c == '='
                || c == '-'
                || c == '_';
        if (!valid) {
            throw new IllegalArgumentException("clob_api_secret: not valid base64");
        }
        return c;
    }

    private static char[] utf8Chars(String field, byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": missing");
        }
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(value));
        char[] out = Arrays.copyOf(chars.array(), chars.limit());
        Arrays.fill(chars.array(), '\0');
        return out;
    }

    private static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": missing");
        }
        return value;
    }
}
