package dev.pmgate.polymarket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmgate.api.ExchangeName;
import dev.pmgate.api.GatewayException;
import dev.pmgate.credentials.CredentialParser;
import dev.pmgate.credentials.ExchangeSession;
import dev.pmgate.credentials.Secrets;
import java.util.regex.Pattern;
import org.web3j.crypto.ECKeyPair;

/**
 * {@code {"private_key":"0x…","clob_api_key":…,"clob_api_secret":…,"clob_api_passphrase":…,
 * "funder_address":…,"signature_type":0|1|2|3}} → {@link PolymarketSession}. The three CLOB fields
 * come all together or not at all.
 */
public final class PolymarketCredentialParser implements CredentialParser {

    private static final String[] CLOB_FIELDS = {"clob_api_key", "clob_api_secret", "clob_api_passphrase"};
    private static final Pattern API_KEY = Pattern.compile("[A-Za-z0-9-]{1,128}");
    private static final Pattern HEADER_SAFE = Pattern.compile("[\\x21-\\x7e]{1,256}");

    @Override
    public boolean recognizes(JsonNode credentials) {
        return credentials.has("private_key") && !credentials.has("api_key_id");
    }

    @Override
    public ExchangeName exchange() {
        return PolymarketModule.NAME;
    }

    @Override
    public ExchangeSession parse(JsonNode credentials) {
        char[] hex = CredentialParser.requiredText(credentials, "private_key").toCharArray();
        ECKeyPair key;
        try {
            key = PolymarketKeys.keyPair(hex);
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalidCredentials(
                    "private_key", "must be 0x followed by 64 hex digits (a secp256k1 key)");
        } finally {
            Secrets.wipe(hex);
        }
        PolymarketWallet wallet = wallet(credentials, key);
        int given = 0;
        for (String field : CLOB_FIELDS) {
            if (credentials.hasNonNull(field)) {
                given++;
            }
        }
        if (given != 0 && given != CLOB_FIELDS.length) {
            throw GatewayException.invalidCredentials(
                    "clob_api_key", "give clob_api_key, clob_api_secret and clob_api_passphrase together, or none");
        }
        PolymarketL2Auth l2 = null;
        if (given == CLOB_FIELDS.length) {
            String apiKey = CredentialParser.requiredText(credentials, "clob_api_key");
            if (!API_KEY.matcher(apiKey).matches()) {
                throw GatewayException.invalidCredentials("clob_api_key", "malformed");
            }
            char[] secret = CredentialParser.requiredText(credentials, "clob_api_secret")
                    .toCharArray();
            char[] passphrase = CredentialParser.requiredText(credentials, "clob_api_passphrase")
                    .toCharArray();
            try {
                if (!HEADER_SAFE.matcher(new String(passphrase)).matches()) {
                    throw GatewayException.invalidCredentials("clob_api_passphrase", "malformed");
                }
                l2 = new PolymarketL2Auth(PolymarketKeys.address(key), apiKey, secret, passphrase);
            } catch (IllegalArgumentException e) {
                throw GatewayException.invalidCredentials("clob_api_secret", "must be base64");
            } finally {
                Secrets.wipe(secret);
                Secrets.wipe(passphrase);
            }
        }
        return new PolymarketSession(key, wallet, l2);
    }

    private static PolymarketWallet wallet(JsonNode credentials, ECKeyPair key) {
        PolymarketSignatureType type = PolymarketSignatureType.fromCode(0);
        JsonNode typeNode = credentials.get("signature_type");
        if (typeNode != null && !typeNode.isNull()) {
            int code;
            if (typeNode.isInt()) {
                code = typeNode.intValue();
            } else if (typeNode.isTextual() && typeNode.textValue().matches("[0-9]")) {
                code = Integer.parseInt(typeNode.textValue());
            } else {
                throw GatewayException.invalidCredentials(
                        "signature_type",
                        "must be 0 (EOA), 1 (POLY_PROXY), 2 (POLY_GNOSIS_SAFE) or 3 (POLY_1271 deposit wallet)");
            }
            if (code < 0 || code > 3) {
                throw GatewayException.invalidCredentials(
                        "signature_type",
                        "must be 0 (EOA), 1 (POLY_PROXY), 2 (POLY_GNOSIS_SAFE) or 3 (POLY_1271 deposit wallet)");
            }
            type = PolymarketSignatureType.fromCode(code);
        }
        String funder = null;
        JsonNode funderNode = credentials.get("funder_address");
        if (funderNode != null && !funderNode.isNull()) {
            if (!funderNode.isTextual()
                    || !Addresses.looksLikeAddress(funderNode.textValue().trim())) {
                throw GatewayException.invalidCredentials("funder_address", "must be 0x followed by 40 hex digits");
            }
            funder = funderNode.textValue().trim();
        }
        try {
            return PolymarketWallet.of(key, type, funder);
        } catch (IllegalArgumentException e) {
            throw LibraryErrors.invalidCredentials(e);
        }
    }
}
