package dev.pmgate.sandbox;

import static dev.pmgate.polymarket.PolymarketHeaders.POLY_ADDRESS;
import static dev.pmgate.polymarket.PolymarketHeaders.POLY_API_KEY;
import static dev.pmgate.polymarket.PolymarketHeaders.POLY_NONCE;
import static dev.pmgate.polymarket.PolymarketHeaders.POLY_PASSPHRASE;
import static dev.pmgate.polymarket.PolymarketHeaders.POLY_SIGNATURE;
import static dev.pmgate.polymarket.PolymarketHeaders.POLY_TIMESTAMP;

import dev.pmgate.polymarket.PolymarketL1Auth;
import dev.pmgate.polymarket.PolymarketL2Auth;
import dev.pmgate.sandbox.FakePolymarketHttp.Call;
import dev.pmgate.sandbox.FakePolymarketHttp.Failure;
import dev.pmgate.sandbox.FakePolymarketLedger.KeyBinding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;

/** The CLOB's two authentication levels. Callers hold the ledger lock. */
final class FakePolymarketAuth {

    static final String L1_FAILURE = "Invalid L1 Request headers";
    static final String L2_FAILURE = "Unauthorized/Invalid api key";

    private final FakePolymarketLedger ledger;
    private final long chainId;
    private final Clock clock;

    FakePolymarketAuth(FakePolymarketLedger ledger, long chainId, Clock clock) {
        this.ledger = ledger;
        this.chainId = chainId;
        this.clock = clock;
    }

    /** L1: a fresh ClobAuth signature by POLY_ADDRESS. Returns the address and the nonce. */
    L1Identity verifyL1(Call call) {
        String address = require(call, POLY_ADDRESS, "L1", L1_FAILURE);
        String signature = require(call, POLY_SIGNATURE, "L1", L1_FAILURE);
        String timestamp = require(call, POLY_TIMESTAMP, "L1", L1_FAILURE);
        String nonce = require(call, POLY_NONCE, "L1", L1_FAILURE);
        requireFresh(timestamp, "L1", L1_FAILURE);
        long parsedNonce;
        String recovered;
        try {
            parsedNonce = Long.parseLong(nonce);
            recovered = PolymarketL1Auth.recoverSigner(address, timestamp, nonce, signature, chainId);
        } catch (IllegalArgumentException e) {
            throw fail("L1: malformed headers", 401, L1_FAILURE);
        }
        if (!recovered.equalsIgnoreCase(address)) {
            throw fail("L1: signature is not by POLY_ADDRESS", 401, L1_FAILURE);
        }
        return new L1Identity(address, parsedNonce);
    }

    record L1Identity(String address, long nonce) {}

    /** L2: known key, its passphrase and address, a fresh timestamp and the HMAC over the raw bytes received. */
    KeyBinding verifyL2(Call call) {
        String address = require(call, POLY_ADDRESS, "L2", L2_FAILURE);
        String signature = require(call, POLY_SIGNATURE, "L2", L2_FAILURE);
        String timestamp = require(call, POLY_TIMESTAMP, "L2", L2_FAILURE);
        String apiKey = require(call, POLY_API_KEY, "L2", L2_FAILURE);
        String passphrase = require(call, POLY_PASSPHRASE, "L2", L2_FAILURE);
        requireFresh(timestamp, "L2", L2_FAILURE);
        KeyBinding binding = ledger.apiKeys.get(apiKey);
        if (binding == null) {
            throw fail("L2: unknown api key", 401, L2_FAILURE);
        }
        if (!constantTimeEquals(passphrase, binding.creds().passphrase())) {
            throw fail("L2: wrong passphrase", 401, L2_FAILURE);
        }
        if (!address.equalsIgnoreCase(binding.address())) {
            throw fail("L2: POLY_ADDRESS is not the key's address", 401, L2_FAILURE);
        }
        String expected = PolymarketL2Auth.signature(
                binding.creds().secret().toCharArray(),
                timestamp,
                call.method(),
                call.path(),
                call.body().length == 0 ? null : call.body());
        if (!constantTimeEquals(signature, expected)) {
            throw fail("L2: wrong HMAC signature", 401, L2_FAILURE);
        }
        return binding;
    }

    private void requireFresh(String timestamp, String level, String publicMessage) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw fail(level + ": timestamp is not unix seconds", 401, publicMessage);
        }
        if (Math.abs(clock.instant().getEpochSecond() - seconds) > ledger.authWindow.toSeconds()) {
            throw fail(level + ": stale timestamp", 401, publicMessage);
        }
    }

    private String require(Call call, String header, String level, String publicMessage) {
        String value = call.header(header);
        if (value == null || value.isEmpty()) {
            throw fail(level + ": missing " + header, 401, publicMessage);
        }
        return value;
    }

    private Failure fail(String reason, int status, String publicMessage) {
        ledger.reject(reason);
        return new Failure(status, publicMessage);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
