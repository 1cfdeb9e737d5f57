package dev.pmgate.support;

import dev.pmgate.sandbox.FakePolymarket;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A Polymarket test wallet with a key (and optionally CLOB credentials) made fresh for this run: canaries. */
public final class PolymarketAccount {

    private static final SecureRandom RANDOM = new SecureRandom();

    public final String privateKeyHex;
    public final FakePolymarket.ApiCreds creds;
    public final FakePolymarket.Account account;

    private PolymarketAccount(FakePolymarket fake, boolean withClobCredentials) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        key[0] = (byte) (key[0] & 0x7f | 0x01);
        privateKeyHex = "0x" + HexFormat.of().formatHex(key);
        if (withClobCredentials) {
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            creds = new FakePolymarket.ApiCreds(
                    UUID.randomUUID().toString(),
                    Base64.getUrlEncoder().encodeToString(secret),
                    "pass-" + HexFormat.of().formatHex(secret, 0, 12));
            account = fake.registerAccount(privateKeyHex, creds);
        } else {
            creds = null;
            account = fake.registerAccount(privateKeyHex);
        }
    }

    public static PolymarketAccount withClobCredentials(FakePolymarket fake) {
        return new PolymarketAccount(fake, true);
    }

    public static PolymarketAccount keyOnly(FakePolymarket fake) {
        return new PolymarketAccount(fake, false);
    }

    public String address() {
        return account.address();
    }

    public Map<String, Object> credentialsJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("private_key", privateKeyHex);
        if (creds != null) {
            json.put("clob_api_key", creds.apiKey());
            json.put("clob_api_secret", creds.secret());
            json.put("clob_api_passphrase", creds.passphrase());
        }
        return json;
    }

    public String header() {
        return KalshiAccount.encode(credentialsJson());
    }

    /** Secrets that must never appear outside the credentials header and the required POLY_* headers. */
    public String[] canaries() {
        return creds == null
                ? new String[] {privateKeyHex.substring(2), privateKeyHex.substring(10, 50)}
                : new String[] {
                    privateKeyHex.substring(2),
                    privateKeyHex.substring(10, 50),
                    creds.secret(),
                    creds.secret().substring(5, 30),
                    creds.passphrase()
                };
    }
}
