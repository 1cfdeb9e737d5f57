package dev.pmgate.security;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last line of defence for logs (SPEC §3 invariant 4): masks anything shaped like a secret
 * that something might still try to log — PEM private keys, 0x-prefixed 64-hex keys, the
 * credentials and API-key header values, exchange auth header values, known secret JSON fields,
 * JWE compact strings and long base64 blobs.
 */
public final class Redactor {

    public static final String MASK = "[REDACTED]";

    private record Rule(Pattern pattern, String replacement) {}

    private static final List<Rule> RULES = List.of(
            new Rule(
                    Pattern.compile(
                            "-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----.*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)",
                            Pattern.DOTALL),
                    "[REDACTED PEM]"),
            new Rule(
                    Pattern.compile("(?i)((?:x-exchange-credentials|x-api-key|kalshi-access-signature|kalshi-access-key"
                            + "|poly_signature|poly_api_key|poly_passphrase|authorization|cookie)[\"']?\\s*[:=]\\s*\\[?[\"']?)"
                            + "[^\\s,;\"'\\]}]+"),
                    "$1" + MASK),
            new Rule(
                    Pattern.compile("(?i)(\"?(?:private_key|privatekey|clob_api_secret|clob_api_passphrase|clob_api_key"
                            + "|api_key_id|secret|passphrase|apikey|api_key|password)\"?\\s*[:=]\\s*\"?)[^\",}\\s]+"),
                    "$1" + MASK),
            new Rule(Pattern.compile("(?i)\\b(0x)?[0-9a-f]{64}\\b"), "0x" + MASK),
            new Rule(
                    Pattern.compile(
                            "\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"),
                    "[REDACTED JWE]"),
            new Rule(Pattern.compile("[A-Za-z0-9+/_-]{120,}={0,2}"), "[REDACTED BLOB]"));

    private static final Pattern QUICK_CHECK = Pattern.compile(
            "(?i)PRIVATE KEY|credentials|api-key|api_key|x-api|access-sig|poly_|authorization|cookie|secret|passphrase"
                    + "|password|[0-9a-f]{64}|eyJ|[A-Za-z0-9+/_-]{120}");

    private Redactor() {}

    public static String redact(String text) {
        if (text == null || text.isEmpty() || !QUICK_CHECK.matcher(text).find()) {
            return text;
        }
        String out = text;
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(out);
            if (m.find()) {
                out = m.replaceAll(rule.replacement());
            }
        }
        return out;
    }
}
