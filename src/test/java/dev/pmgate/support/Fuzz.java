package dev.pmgate.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * A seeded generator of hostile credentials headers and order bodies, each with the verdict an
 * independent reading of SPEC §2.1/§3 gives it: {@code VALID} (must be accepted), {@code INVALID}
 * (must be refused before anything is sent upstream) or {@code UNKNOWN} (either, but never a 500).
 * Descriptions name the mutations, never the secret values.
 */
public final class Fuzz {

    public enum Verdict {
        VALID,
        INVALID,
        UNKNOWN;

        public Verdict and(Verdict other) {
            if (this == INVALID || other == INVALID) {
                return INVALID;
            }
            return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : VALID;
        }
    }

    /** Secrets the generator builds credentials from. */
    public record KalshiSeed(String keyId, String pem) {}

    public record PolymarketSeed(String privateKeyHex, String clobKey, String clobSecret, String clobPassphrase) {
        public boolean withClob() {
            return clobKey != null;
        }
    }

    /** Seals a plaintext JSON to the gateway's key: {@code ec} picks ECDH-ES, else RSA-OAEP-256. */
    public interface Sealing {
        String seal(String plaintext, boolean ec);
    }

    public record CredentialCase(String exchange, String header, Verdict verdict, String description) {}

    public record OrderCase(String exchange, String body, String idempotencyKey, Verdict verdict, String description) {}

    private final Random random;
    private final long now;

    public Fuzz(long seed, long nowEpochSeconds) {
        this.random = new Random(seed);
        this.now = nowEpochSeconds;
    }

    public Random random() {
        return random;
    }

    // ---- a JSON object as raw entries: duplicates and non-standard numbers allowed --------------------------

    public static final class Obj {
        private final List<String[]> entries = new ArrayList<>();

        public Obj put(String name, String rawValue) {
            entries.add(new String[] {name, rawValue});
            return this;
        }

        /** Replaces the first entry of that name, or appends. */
        public Obj set(String name, String rawValue) {
            for (String[] e : entries) {
                if (e[0].equals(name)) {
                    e[1] = rawValue;
                    return this;
                }
            }
            return put(name, rawValue);
        }

        public Obj remove(String name) {
            entries.removeIf(e -> e[0].equals(name));
            return this;
        }

        public String get(String name) {
            return entries.stream()
                    .filter(e -> e[0].equals(name))
                    .map(e -> e[1])
                    .findFirst()
                    .orElse(null);
        }

        public List<String> names() {
            return entries.stream().map(e -> e[0]).toList();
        }

        public String render() {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < entries.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(str(entries.get(i)[0])).append(':').append(entries.get(i)[1]);
            }
            return sb.append('}').toString();
        }
    }

    /** A JSON string literal; every non-ASCII or control character escaped. */
    public static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    // ---- small helpers -----------------------------------------------------------------------------------------

    private int n(int bound) {
        return random.nextInt(bound);
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    @SafeVarargs
    private <T> T pick(T... items) {
        return items[n(items.length)];
    }

    private <T> T pick(List<T> items) {
        return items.get(n(items.size()));
    }

    /** Characters that must never pass an id or header check; some are invisible. */
    private static final String[] HOSTILE_CHARS = {
        "\r\n",
        "\n",
        "\r",
        "\u0000",
        "\t",
        " ",
        "\u200b",
        "\u200d",
        "\ufeff",
        "\u202e",
        "\u0085",
        "\u2028",
        "%0d%0a",
        "/",
        "..",
        "\\",
        "%2F",
        "\"",
        "'",
        "<",
        "\u00e9",
        "\uff2b",
        "\ud83d\ude00",
        "\udc00",
        "\u007f",
        "?",
        "#",
        "&",
        ";"
    };

    private static final String[] WRONG_TYPES = {
        "123", "-1", "true", "false", "null", "[]", "{}", "\"\"", "\"   \"", "1e400", "[\"x\"]", "{\"a\":\"b\"}", "0.5"
    };

    private String insertInside(String s, String insert) {
        if (s.length() < 2) {
            return s + insert + "x";
        }
        int at = 1 + n(s.length() - 1);
        return s.substring(0, at) + insert + s.substring(at);
    }

    /** Nested arrays {@code depth} deep around a scalar. */
    public static String nested(int depth) {
        return "[".repeat(depth) + "1" + "]".repeat(depth);
    }

    // ---- credentials -------------------------------------------------------------------------------------------

    private Obj kalshiObj(KalshiSeed seed) {
        return new Obj().put("api_key_id", str(seed.keyId())).put("private_key", str(seed.pem()));
    }

    private Obj polymarketObj(PolymarketSeed seed) {
        Obj o = new Obj().put("private_key", str(seed.privateKeyHex()));
        if (seed.withClob()) {
            o.put("clob_api_key", str(seed.clobKey()))
                    .put("clob_api_secret", str(seed.clobSecret()))
                    .put("clob_api_passphrase", str(seed.clobPassphrase()));
        }
        return o;
    }

    /**
     * One hostile credentials header.
     *
     * @param httpSafe only printable ASCII in the header (what an HTTP client can send at all)
     */
    public CredentialCase credentialCase(
            List<KalshiSeed> kalshi, List<PolymarketSeed> polymarket, Sealing sealing, boolean httpSafe) {
        String exchange = chance(0.5) ? "kalshi" : "polymarket";
        List<String> ops = new ArrayList<>();
        Verdict verdict = Verdict.VALID;
        boolean kalshiCreds = exchange.equals("kalshi");
        if (chance(0.04)) {
            kalshiCreds = !kalshiCreds;
            ops.add("other-exchange-credentials");
            verdict = Verdict.INVALID;
        }
        Obj obj;
        Map<String, Verdict> fields = new LinkedHashMap<>();
        if (kalshiCreds) {
            KalshiSeed seed = pick(kalshi);
            obj = kalshiObj(seed);
            int mutations = chance(0.2) ? 0 : 1 + n(3);
            for (int i = 0; i < mutations; i++) {
                String op = mutateKalshi(obj, seed, fields);
                ops.add(op);
            }
        } else {
            PolymarketSeed seed = pick(polymarket);
            obj = polymarketObj(seed);
            int mutations = chance(0.2) ? 0 : 1 + n(3);
            for (int i = 0; i < mutations; i++) {
                ops.add(mutatePolymarket(obj, seed, fields));
            }
            long clob = java.util.stream.Stream.of("clob_api_key", "clob_api_secret", "clob_api_passphrase")
                    .filter(f -> obj.get(f) != null && !obj.get(f).equals("null"))
                    .count();
            if (clob != 0 && clob != 3) {
                fields.put("clob-all-or-none", Verdict.INVALID);
            }
        }
        for (Verdict v : fields.values()) {
            verdict = verdict.and(v);
        }

        boolean sealed = sealing != null && chance(0.35);
        if (sealed) {
            String exp = switch (n(8)) {
                case 0 -> {
                    ops.add("exp:expired");
                    verdict = verdict.and(Verdict.INVALID);
                    yield Long.toString(now - 3600);
                }
                case 1 -> {
                    ops.add("exp:within-leeway");
                    yield Long.toString(now - 20);
                }
                case 2 -> {
                    ops.add("exp:missing");
                    verdict = verdict.and(Verdict.INVALID);
                    yield null;
                }
                case 3 -> {
                    ops.add("exp:wrong-type");
                    verdict = verdict.and(Verdict.INVALID);
                    yield pick("\"" + (now + 300) + "\"", (now + 300) + ".5", "null", "[]");
                }
                default -> Long.toString(now + 300);
            };
            if (exp != null) {
                obj.put("exp", exp);
            }
        }

        byte[] json = obj.render().getBytes(StandardCharsets.UTF_8);
        if (chance(0.12)) {
            Object[] doc = mutateDocument(json);
            json = (byte[]) doc[0];
            ops.add((String) doc[1]);
            verdict = verdict.and((Verdict) doc[2]);
        }

        String header;
        if (sealed) {
            boolean ec = chance(0.5);
            ops.add(ec ? "sealed:ECDH-ES" : "sealed:RSA-OAEP-256");
            header = sealing.seal(new String(json, StandardCharsets.UTF_8), ec);
        } else {
            String encoded = Base64.getEncoder().encodeToString(json);
            switch (n(10)) {
                case 0 -> {
                    ops.add("b64:no-padding");
                    header = encoded.replace("=", "");
                }
                case 1 -> {
                    ops.add("b64:url-safe");
                    header = encoded.replace('+', '-').replace('/', '_');
                }
                case 2 -> {
                    ops.add("b64:url-safe-no-padding");
                    header = encoded.replace('+', '-').replace('/', '_').replace("=", "");
                }
                case 3 -> {
                    ops.add("b64:inner-spaces");
                    header = insertInside(insertInside(encoded, " "), "\t");
                }
                case 4 -> {
                    ops.add("b64:double-encoded");
                    header = Base64.getEncoder().encodeToString(encoded.getBytes(StandardCharsets.US_ASCII));
                    verdict = verdict.and(Verdict.INVALID);
                }
                case 5 -> {
                    if (httpSafe || encoded.length() <= 76) {
                        ops.add("b64:four-dots");
                        header = encoded.length() < 17
                                ? "a.b.c.d." + encoded
                                : String.join(
                                        ".",
                                        encoded.substring(0, 4),
                                        encoded.substring(4, 8),
                                        encoded.substring(8, 12),
                                        encoded.substring(12, 16),
                                        encoded.substring(16));
                    } else {
                        ops.add("b64:mime-lines");
                        header = Base64.getMimeEncoder().encodeToString(json);
                    }
                    verdict = verdict.and(Verdict.INVALID);
                }
                case 6 -> {
                    ops.add("raw-json-not-base64");
                    header = new String(json, StandardCharsets.UTF_8);
                    if (httpSafe) {
                        header = header.replaceAll("[^\\x21-\\x7e]", "_");
                    }
                    verdict = verdict.and(Verdict.INVALID);
                }
                default -> header = encoded;
            }
        }
        if (chance(0.2)) {
            String[] mutated = mutateHeader(header, httpSafe);
            header = mutated[0];
            ops.add(mutated[1]);
            verdict = verdict.and(Verdict.valueOf(mutated[2]));
        }
        if (header.getBytes(StandardCharsets.UTF_8).length > 16384) {
            verdict = Verdict.INVALID;
        }
        return new CredentialCase(exchange, header, verdict, String.join(",", ops));
    }

    private String mutateKalshi(Obj obj, KalshiSeed seed, Map<String, Verdict> fields) {
        String keyId = seed.keyId();
        String pem = seed.pem();
        switch (n(12)) {
            case 0 -> {
                String f = pick("api_key_id", "private_key");
                obj.remove(f);
                fields.put(f, Verdict.INVALID);
                fields.remove("dup:" + f);
                return "drop:" + f;
            }
            case 1 -> {
                String f = pick("api_key_id", "private_key");
                obj.set(f, pick(WRONG_TYPES));
                fields.put(f, Verdict.INVALID);
                return "wrong-type:" + f;
            }
            case 2 -> {
                String f = pick("api_key_id", "private_key");
                if (obj.get(f) == null) {
                    obj.put(f, "\"x\"");
                    fields.put(f, f.equals("api_key_id") ? Verdict.VALID : Verdict.INVALID);
                    return "re-add:" + f;
                }
                obj.put(f, obj.get(f));
                fields.put("dup:" + f, Verdict.INVALID);
                return "duplicate:" + f;
            }
            case 3 -> {
                String name = pick("note", "api_key", "exp_note", "clob_api_key", "x");
                if (obj.get(name) != null) {
                    fields.put("dup:" + name, Verdict.INVALID);
                }
                obj.put(name, pick("1", "\"x\"", "[]", "null"));
                return "unknown-field";
            }
            case 4 -> {
                obj.set(
                        "api_key_id",
                        str(keyId + pick("\r\nX-Injected: evil", "\nKALSHI-ACCESS-KEY: other", "\r\n\r\nGET /")));
                fields.put("api_key_id", Verdict.INVALID);
                return "crlf:api_key_id";
            }
            case 5 -> {
                obj.set("api_key_id", str(insertInside(keyId, pick(HOSTILE_CHARS))));
                fields.put("api_key_id", Verdict.INVALID);
                return "hostile-char:api_key_id";
            }
            case 6 -> {
                obj.set("api_key_id", str(" \t" + keyId + "\r\n"));
                fields.put("api_key_id", Verdict.VALID);
                return "padded:api_key_id";
            }
            case 7 -> {
                boolean tooLong = chance(0.5);
                obj.set("api_key_id", str("k".repeat(tooLong ? 129 : 128)));
                fields.put("api_key_id", tooLong ? Verdict.INVALID : Verdict.VALID);
                return tooLong ? "long:api_key_id" : "max-length:api_key_id";
            }
            case 8 -> {
                String key = pick(HostileKeys.all());
                obj.set("private_key", str(key));
                fields.put("private_key", Verdict.INVALID);
                return "hostile-key";
            }
            default -> {
                Object[] p = mutatePem(pem);
                obj.set("private_key", str((String) p[0]));
                fields.put("private_key", (Verdict) p[2]);
                return (String) p[1];
            }
        }
    }

    private Object[] mutatePem(String pem) {
        String[] lines = pem.strip().split("\r?\n");
        String body = String.join("\n", java.util.Arrays.copyOfRange(lines, 1, lines.length - 1));
        switch (n(11)) {
            case 0:
                return new Object[] {pem.replace("\n", "\\n"), "pem:literal-newlines", Verdict.VALID};
            case 1:
                return new Object[] {pem.replace("\n", "\r\n"), "pem:crlf", Verdict.VALID};
            case 2:
                return new Object[] {"\n  " + pem + "  \n", "pem:padded", Verdict.VALID};
            case 3:
                return new Object[] {body + "\n" + lines[lines.length - 1], "pem:no-begin-line", Verdict.INVALID};
            case 4: {
                String label = lines[0].replace("-----BEGIN ", "").replace("-----", "");
                String other = pick(
                        "EC PRIVATE KEY",
                        "ENCRYPTED PRIVATE KEY",
                        "PUBLIC KEY",
                        "CERTIFICATE",
                        label.equals("PRIVATE KEY") ? "RSA PRIVATE KEY" : "PRIVATE KEY");
                return new Object[] {pem.replace(label, other), "pem:relabelled", Verdict.INVALID};
            }
            case 5: {
                char[] chars = body.toCharArray();
                int at;
                do {
                    at = n(chars.length);
                } while (chars[at] == '\n');
                chars[at] = chars[at] == 'A' ? 'B' : 'A';
                return new Object[] {
                    lines[0] + "\n" + new String(chars) + "\n" + lines[lines.length - 1],
                    "pem:one-char-changed",
                    Verdict.UNKNOWN
                };
            }
            case 6:
                return new Object[] {pem.substring(0, pem.length() / 2), "pem:truncated", Verdict.INVALID};
            case 7: {
                byte[] garbage = new byte[16 + n(300)];
                random.nextBytes(garbage);
                return new Object[] {
                    "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(garbage)
                            + "\n-----END PRIVATE KEY-----\n",
                    "pem:random-der",
                    Verdict.INVALID
                };
            }
            case 8:
                return new Object[] {
                    pem.replace("-----BEGIN", "\uff0d\uff0d\uff0d\uff0d\uff0dBEGIN"),
                    "pem:fullwidth-dashes",
                    Verdict.INVALID
                };
            case 9:
                return new Object[] {pem.replace("\n", ""), "pem:one-line", Verdict.UNKNOWN};
            default:
                return new Object[] {insertInside(pem, pick(HOSTILE_CHARS)), "pem:hostile-char", Verdict.UNKNOWN};
        }
    }

    private String mutatePolymarket(Obj obj, PolymarketSeed seed, Map<String, Verdict> fields) {
        String hex = seed.privateKeyHex();
        String digits = hex.substring(2);
        String[] clob = {"clob_api_key", "clob_api_secret", "clob_api_passphrase"};
        switch (n(14)) {
            case 0 -> {
                if (!seed.withClob() || chance(0.4)) {
                    obj.remove("private_key");
                    fields.put("private_key", Verdict.INVALID);
                    fields.remove("dup:private_key");
                    return "drop:private_key";
                }
                if (chance(0.3)) {
                    for (String f : clob) {
                        obj.remove(f);
                        fields.remove(f);
                        fields.remove("dup:" + f);
                    }
                    return "drop:all-clob";
                }
                String f = pick(clob);
                obj.remove(f);
                fields.remove(f);
                fields.remove("dup:" + f);
                return "drop:" + f;
            }
            case 1 -> {
                String f = seed.withClob() && chance(0.5) ? pick(clob) : "private_key";
                String wrong = pick(WRONG_TYPES);
                obj.set(f, wrong);
                // a null CLOB field counts as absent (then the all-or-none rule decides)
                fields.put(f, f.startsWith("clob") && wrong.equals("null") ? Verdict.VALID : Verdict.INVALID);
                return "wrong-type:" + f;
            }
            case 2 -> {
                String f = seed.withClob() && chance(0.5) ? pick(clob) : "private_key";
                if (obj.get(f) == null) {
                    obj.put(f, "\"x\"");
                    fields.put(
                            f,
                            f.equals("clob_api_passphrase") || f.equals("clob_api_key")
                                    ? Verdict.VALID
                                    : Verdict.INVALID);
                    return "re-add:" + f;
                }
                obj.put(f, obj.get(f));
                fields.put("dup:" + f, Verdict.INVALID);
                return "duplicate:" + f;
            }
            case 3 -> {
                String name = pick("note", "api_key_id", "x", "exp_note");
                if (obj.get(name) != null) {
                    fields.put("dup:" + name, Verdict.INVALID);
                }
                obj.put(name, pick("1", "\"x\"", "[]", "null"));
                return "unknown-field";
            }
            case 4 -> {
                if (!seed.withClob()) {
                    return "noop";
                }
                String f = pick(clob);
                String value = f.equals("clob_api_key")
                        ? seed.clobKey()
                        : f.equals("clob_api_secret") ? seed.clobSecret() : seed.clobPassphrase();
                obj.set(f, str(insertInside(value, pick("\r\nX-Injected: evil", "\nPOLY_ADDRESS: 0x0", "\r\n\r\n"))));
                fields.put(f, Verdict.INVALID);
                return "crlf:" + f;
            }
            case 5 -> {
                if (!seed.withClob()) {
                    return "noop";
                }
                String f = pick(clob);
                String value = f.equals("clob_api_key")
                        ? seed.clobKey()
                        : f.equals("clob_api_secret") ? seed.clobSecret() : seed.clobPassphrase();
                String c = pick(HOSTILE_CHARS);
                obj.set(f, str(insertInside(value, c)));
                // a '/' is a base64 character of the secret; everything else breaks its field's syntax
                boolean printable = c.chars().allMatch(ch -> ch >= 0x21 && ch <= 0x7e);
                // the passphrase may be any visible ASCII; '/' is a base64 character of the secret
                fields.put(
                        f,
                        f.equals("clob_api_passphrase") && printable
                                ? Verdict.VALID
                                : f.equals("clob_api_secret") && c.equals("/") ? Verdict.UNKNOWN : Verdict.INVALID);
                return "hostile-char:" + f;
            }
            case 6 -> {
                int variant = n(4);
                String value = switch (variant) {
                    case 0 -> digits;
                    case 1 -> "0X" + digits;
                    case 2 -> "0x" + digits.toUpperCase();
                    default -> " " + hex + "\r\n";
                };
                obj.set("private_key", str(value));
                fields.put("private_key", Verdict.VALID);
                return "key-format:" + variant;
            }
            case 7 -> {
                int variant = n(7);
                String value = switch (variant) {
                    case 0 -> hex.substring(0, hex.length() - 1);
                    case 1 -> hex + "0";
                    case 2 -> "0x" + "g" + digits.substring(1);
                    case 3 -> "0x" + "0".repeat(64);
                    case 4 -> "0x" + "f".repeat(64);
                    case 5 -> insertInside(hex, pick(HOSTILE_CHARS));
                    default -> "0x" + digits.substring(0, 32) + "\u0660" + digits.substring(33);
                };
                obj.set("private_key", str(value));
                fields.put("private_key", Verdict.INVALID);
                return "bad-key:" + variant;
            }
            case 8 -> {
                char[] chars = digits.toCharArray();
                int at = n(64);
                chars[at] = chars[at] == '1' ? '2' : '1';
                obj.set("private_key", str("0x" + new String(chars)));
                fields.put("private_key", Verdict.VALID);
                return "another-valid-key";
            }
            case 9 -> {
                if (!seed.withClob()) {
                    return "noop";
                }
                String secret = seed.clobSecret();
                String variant = pick("std", "nopad", "urlsafe");
                String value = switch (variant) {
                    case "std" -> secret.replace('-', '+').replace('_', '/');
                    case "nopad" -> secret.replace("=", "");
                    default -> secret.replace('+', '-').replace('/', '_');
                };
                obj.set("clob_api_secret", str(value));
                fields.put("clob_api_secret", Verdict.VALID);
                return "secret-alphabet:" + variant;
            }
            case 10 -> {
                String[][] types = {
                    {"0", "VALID"},
                    {"\"0\"", "VALID"},
                    {"null", "VALID"},
                    {"4", "INVALID"},
                    {"3", "UNKNOWN"},
                    {"-1", "INVALID"},
                    {"1.5", "INVALID"},
                    {"\"x\"", "INVALID"},
                    {"1", "UNKNOWN"},
                    {"2", "UNKNOWN"},
                    {"\"12\"", "INVALID"},
                    {"[0]", "INVALID"},
                    {"4294967296", "INVALID"}
                };
                String[] t = pick(types);
                obj.set("signature_type", t[0]);
                fields.put("signature_type", Verdict.valueOf(t[1]));
                return "signature-type:" + t[0];
            }
            case 11 -> {
                String[][] funders = {
                    {"\"0x" + "ab".repeat(20) + "\"", "UNKNOWN"},
                    {"\"0x123\"", "INVALID"},
                    {"123", "INVALID"},
                    {"null", "VALID"},
                    {"\"0x" + "ab".repeat(20) + "\\r\\n\"", "UNKNOWN"},
                    {"\"0x" + "zz".repeat(20) + "\"", "INVALID"}
                };
                String[] f = pick(funders);
                obj.set("funder_address", f[0]);
                fields.put("funder_address", Verdict.valueOf(f[1]));
                return "funder";
            }
            case 12 -> {
                if (!seed.withClob()) {
                    return "noop";
                }
                boolean tooLong = chance(0.5);
                obj.set("clob_api_passphrase", str("p".repeat(tooLong ? 257 : 256)));
                fields.put("clob_api_passphrase", tooLong ? Verdict.INVALID : Verdict.VALID);
                return tooLong ? "long:passphrase" : "max-length:passphrase";
            }
            default -> {
                obj.set("private_key", str(pick(HostileKeys.all())));
                fields.put("private_key", Verdict.INVALID);
                return "pem-as-wallet-key";
            }
        }
    }

    /** [bytes, description, verdict] */
    private Object[] mutateDocument(byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        switch (n(9)) {
            case 0:
                return new Object[] {
                    text.substring(0, n(text.length())).getBytes(StandardCharsets.UTF_8),
                    "doc:truncated",
                    Verdict.INVALID
                };
            case 1:
                return new Object[] {
                    (text + pick("x", "{}", "]", ",", "{\"a\":1}", "null")).getBytes(StandardCharsets.UTF_8),
                    "doc:trailing",
                    Verdict.INVALID
                };
            case 2:
                return new Object[] {("[" + text + "]").getBytes(StandardCharsets.UTF_8), "doc:array", Verdict.INVALID};
            case 3:
                return new Object[] {
                    ("{\"deep\":" + nested(pick(33, 100, 1000)) + "," + text.substring(1))
                            .getBytes(StandardCharsets.UTF_8),
                    "doc:deep-nesting",
                    Verdict.INVALID
                };
            case 4:
                return new Object[] {
                    pick("", "null", "\"x\"", "123", "{", "}", "{}").getBytes(StandardCharsets.UTF_8),
                    "doc:not-an-object",
                    Verdict.INVALID
                };
            case 5: {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                out.writeBytes(json);
                return new Object[] {out.toByteArray(), "doc:bom", Verdict.UNKNOWN};
            }
            case 6: {
                int quote = text.indexOf(":\"");
                if (quote < 0) {
                    return new Object[] {json, "doc:noop", Verdict.VALID};
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] head = text.substring(0, quote + 2).getBytes(StandardCharsets.UTF_8);
                out.writeBytes(head);
                out.writeBytes(pick(new byte[] {(byte) 0xC3, (byte) 0x28}, new byte[] {(byte) 0xFF}, new byte[] {
                    (byte) 0xED, (byte) 0xA0, (byte) 0x80
                }));
                out.writeBytes(java.util.Arrays.copyOfRange(json, head.length, json.length));
                return new Object[] {out.toByteArray(), "doc:invalid-utf8", Verdict.INVALID};
            }
            case 7:
                return new Object[] {
                    ("{\"pad\":\"" + "x".repeat(13000) + "\"," + text.substring(1)).getBytes(StandardCharsets.UTF_8),
                    "doc:oversize",
                    Verdict.INVALID
                };
            default: {
                byte[] copy = json.clone();
                int at = n(copy.length);
                copy[at] ^= (byte) (1 << n(8));
                return new Object[] {copy, "doc:bit-flip", Verdict.UNKNOWN};
            }
        }
    }

    /** [header, description, verdict name] */
    private String[] mutateHeader(String header, boolean httpSafe) {
        switch (n(7)) {
            case 0: {
                char[] chars = header.toCharArray();
                int at = n(chars.length);
                char flipped;
                do {
                    flipped = (char) (chars[at] ^ (1 << n(7)));
                } while (httpSafe && (flipped < 0x21 || flipped > 0x7e));
                chars[at] = flipped;
                return new String[] {new String(chars), "header:bit-flip", "UNKNOWN"};
            }
            case 1:
                return new String[] {
                    header.substring(0, n(header.length())),
                    "header:truncated",
                    header.isEmpty() ? "INVALID" : "UNKNOWN"
                };
            case 2:
                return new String[] {
                    insertInside(header, String.valueOf((char) (0x21 + n(94)))), "header:inserted-char", "UNKNOWN"
                };
            case 3:
                return new String[] {pick("", "   "), "header:empty", "INVALID"};
            case 4:
                return new String[] {header + header, "header:doubled", "UNKNOWN"};
            case 5:
                return new String[] {header.replace('A', 'B'), "header:substituted", "UNKNOWN"};
            default:
                return new String[] {header.substring(header.length() / 3), "header:head-cut", "UNKNOWN"};
        }
    }

    // ---- order bodies ------------------------------------------------------------------------------------------

    /** A pool value with its verdict on Kalshi and on Polymarket. */
    private record V(String raw, Verdict kalshi, Verdict polymarket) {
        Verdict on(String exchange) {
            return exchange.equals("kalshi") ? kalshi : polymarket;
        }
    }

    private static final Verdict Y = Verdict.VALID;
    private static final Verdict N = Verdict.INVALID;
    private static final Verdict U = Verdict.UNKNOWN;

    private static final List<V> PRICES = List.of(
            new V("0.57", Y, Y),
            new V("0.5", Y, Y),
            new V("0.01", Y, Y),
            new V("0.99", Y, Y),
            new V("0.0001", Y, N),
            new V("0.9999", Y, N),
            new V("0.00001", N, N),
            new V("0", N, N),
            new V("-0", N, N),
            new V("-0.0", N, N),
            new V("1", N, N),
            new V("1.0", N, N),
            new V("1.0000001", N, N),
            new V("0.9999999", N, N),
            new V("1e400", N, N),
            new V("-1e400", N, N),
            new V("1e-400", N, N),
            new V("1e-999999999", N, N),
            new V("-1e-999999999", N, N),
            new V("1e-100000000", N, N),
            new V("1E+999999999", N, N),
            new V("1e-9999999999", N, N),
            new V("99999999999999999999999999999", N, N),
            new V("-0.5", N, N),
            new V("NaN", N, N),
            new V("Infinity", N, N),
            new V("-Infinity", N, N),
            new V("\"NaN\"", N, N),
            new V("\"0.5\"", Y, Y),
            new V("\" 0.5 \"", Y, Y),
            new V("\"0,5\"", N, N),
            new V("\"5e-1\"", N, N),
            new V("\"+0.5\"", N, N),
            new V("5E-1", Y, Y),
            new V("0.5e0", Y, Y),
            new V("0.10", Y, Y),
            new V("0.570000000000000000000000000", Y, Y),
            new V("0.570000000000000000000001", N, N),
            new V("true", N, N),
            new V("null", N, N),
            new V("[0.5]", N, N),
            new V("{}", N, N),
            new V("\"\"", N, N),
            new V("0.5.5", N, N),
            new V("05", N, N),
            new V(".5", N, N),
            new V("0x1", N, N),
            new V("\"0.5\\u0000\"", Y, Y),
            new V("\"0.5\\u200b\"", N, N),
            new V("\"\\u0660.5\"", N, N),
            new V("0.575", Y, N),
            new V("1e-1", Y, Y),
            new V("0.12345678901234567890123456789", N, N));

    private static final List<V> SIZES = List.of(
            new V("10", Y, Y),
            new V("1", Y, Y),
            new V("0.01", Y, Y),
            new V("2.5", Y, Y),
            new V("2.50", Y, Y),
            new V("1.505", N, N),
            new V("0.001", N, N),
            new V("0", N, N),
            new V("-0", N, N),
            new V("-1", N, N),
            new V("1e9", Y, Y),
            new V("1000000001", N, N),
            new V("1e400", N, N),
            new V("1e-400", N, N),
            new V("1e-999999999", N, N),
            new V("1E+999999999", N, N),
            new V("NaN", N, N),
            new V("\"5\"", Y, Y),
            new V("1e-100000000", N, N),
            new V("\"5.\"", N, N),
            new V("\"-5\"", N, N),
            new V("5.000000000000000000000", Y, Y),
            new V("\"1e3\"", N, N),
            new V("true", N, N),
            new V("null", N, N),
            new V("[]", N, N),
            new V("99999999999999999999", N, N),
            new V("0.1", Y, Y),
            new V("-Infinity", N, N),
            new V("\"\"", N, N),
            new V("1e2", Y, Y));

    private static final List<V> OUTCOMES = List.of(
            new V("\"Yes\"", Y, Y),
            new V("\"no\"", Y, Y),
            new V("\"YES\"", Y, Y),
            new V("\" yes\\r\\n\"", Y, Y),
            new V("\"Maybe\"", N, Y),
            new V("\"Ye\\u200bs\"", N, N),
            new V("\"Yes\\u0000x\"", N, N),
            new V("\"Y\\u00e9s\"", N, Y),
            new V("\"\\ud83d\\ude00\"", N, N),
            new V("\"" + "a".repeat(101) + "\"", N, N),
            new V("\"Yes & No (2026)\"", N, Y),
            new V("\"Yes\\r\\nX-Injected: 1\"", N, N),
            new V("\"\"", N, N),
            new V("1", N, N),
            new V("null", N, N),
            new V("[\"Yes\"]", N, N),
            new V("\"../Yes\"", N, N),
            new V("\"Yes\\u202e\"", N, N),
            new V("\"\\u0000\"", N, N));

    private static final List<V> SIDES = List.of(
            new V("\"buy\"", Y, Y),
            new V("\"SELL\"", Y, Y),
            new V("\" buy \"", Y, Y),
            new V("\"bu\\u200by\"", N, N),
            new V("\"purchase\"", N, N),
            new V("\"\"", N, N),
            new V("1", N, N),
            new V("null", N, N),
            new V("[\"buy\"]", N, N),
            new V("\"buy\\r\\nX: 1\"", N, N),
            new V("\"b\\u00fcy\"", N, N));

    private static final List<V> CLIENT_IDS = List.of(
            new V("\"abc-123\"", Y, Y),
            new V("\"a:b+c=d/e_f\"", Y, Y),
            new V("\"" + "x".repeat(64) + "\"", Y, Y),
            new V("\"" + "x".repeat(65) + "\"", N, N),
            new V("\"a b\"", N, N),
            new V("\"\\u00e4\"", N, N),
            new V("\"a\\r\\nb\"", N, N),
            new V("\"\\u200b\"", N, N),
            new V("\"\"", N, N),
            new V("null", Y, Y),
            new V("123", N, N),
            new V("\"../x\"", N, N),
            new V("\"%2F\"", N, N),
            new V("\"a\\u0000b\"", N, N),
            new V("{\"id\":\"x\"}", N, N));

    private List<V> params() {
        long ahead = now + 3600;
        return List.of(
                new V("{\"order_type\":\"gtc\"}", Y, Y),
                new V("{\"order_type\":\"GTC\"}", Y, Y),
                new V("{\"order_type\":\"ioc\"}", Y, Y),
                new V("{\"order_type\":\"fok\"}", Y, Y),
                new V("{\"order_type\":\"gtd\"}", N, N),
                new V("{\"order_type\":\"gtd\",\"expiration\":" + ahead + "}", Y, Y),
                new V("{\"order_type\":\"gtd\",\"expiration\":" + (now + 30) + "}", N, N),
                new V("{\"order_type\":\"gtd\",\"expiration\":1e400}", N, N),
                // SPEC §2.1 (2026-12-04): params values may be strings (the Parsec SDK's string → string)
                new V("{\"order_type\":\"gtd\",\"expiration\":\"" + ahead + "\"}", Y, Y),
                new V("{\"order_type\":\"gtd\",\"expiration\":\"soon\"}", N, N),
                new V("{\"order_type\":\"gtd\",\"expiration\":\"" + ahead + ".5\"}", N, N),
                new V("{\"order_type\":\"gtd\",\"expiration\":9223372036854775808}", N, N),
                new V("{\"order_type\":\"gtd\",\"expiration\":9223372036854775807}", N, N),
                new V("{\"order_type\":\"gtd\",\"expiration\":-1}", N, N),
                new V("{\"order_type\":\"gtd\",\"expiration\":" + ahead + ".5}", N, N),
                new V("{\"order_type\":\"market\"}", N, N),
                new V("{\"expiration\":" + ahead + "}", N, N),
                new V("{\"post_only\":true}", Y, Y),
                new V("{\"post_only\":\"true\"}", Y, Y),
                new V("{\"post_only\":\"yes\"}", N, N),
                new V("{\"post_only\":1}", N, N),
                new V("{\"reduce_only\":true}", N, N),
                new V("{\"order_type\":\"ioc\",\"reduce_only\":true}", Y, N),
                new V("{\"order_type\":\"ioc\",\"post_only\":true}", N, N),
                new V("{\"token_id\":\"123\"}", N, U),
                new V("{\"token_id\":\"12a\"}", N, N),
                new V("{\"token_id\":123}", N, N),
                new V("{\"unknown\":1}", N, N),
                new V("{}", Y, Y),
                new V("null", Y, Y),
                new V("[]", N, N),
                new V("\"gtc\"", N, N),
                new V("{\"order_type\":\"gtc\",\"order_type\":\"ioc\"}", N, N),
                new V("{\"secret\":\"x\"}", N, N),
                new V("{\"order_type\":\"g\\u200btc\"}", N, N),
                new V("{\"order_type\":" + nested(40) + "}", N, N));
    }

    private List<V> marketIds(String exchange, String market) {
        if (exchange.equals("kalshi")) {
            return List.of(
                    new V(str(market), Y, N),
                    new V(str(" " + market + " "), Y, N),
                    new V(str(insertInside(market, "\u200b")), N, N),
                    new V(str(insertInside(market, "\r\n")), N, N),
                    new V("\"../../portfolio/balance\"", N, N),
                    new V(str(insertInside(market, "/")), N, N),
                    new V(str(insertInside(market, "%2F")), N, N),
                    new V(str(insertInside(market, " ")), N, N),
                    new V("\"\uff2b\uff38\"", N, N),
                    new V("\"\"", N, N),
                    new V("123", N, N),
                    new V("null", N, N),
                    new V(str("K".repeat(129)), N, N),
                    new V(str(insertInside(market, "?")), N, N),
                    new V(str(insertInside(market, "#")), N, N),
                    new V(str(insertInside(market, "\u0000")), N, N));
        }
        String digits = market.substring(2);
        return List.of(
                new V(str(market), N, Y),
                new V(str("0X" + digits), N, N),
                new V(str(market.substring(0, 65)), N, N),
                new V(str(market + "0"), N, N),
                new V(str("0x" + "g" + digits.substring(1)), N, N),
                new V(str(insertInside(market, "\u200b")), N, N),
                new V(str(insertInside(market, "\r\n")), N, N),
                new V(str(market + "\r\n"), N, Y),
                new V("\"../clob-markets\"", N, N),
                new V(str(market + "/../x"), N, N),
                new V("null", N, N),
                new V("[]", N, N));
    }

    /**
     * One hostile create-order body for {@code market} on {@code exchange} (a Kalshi ticker or a
     * Polymarket condition id), with an optional Idempotency-Key.
     */
    public OrderCase orderCase(String exchange, String market, boolean httpSafe) {
        Obj obj = new Obj()
                .put("market_id", str(market))
                .put("outcome", str(pick("Yes", "No")))
                .put("side", str(pick("buy", "sell")))
                .put("price", pick("0.57", "0.4", "0.5"))
                .put("size", pick("10", "2", "1.5"));
        if (chance(0.3)) {
            obj.put("client_order_id", str("fz-" + Long.toHexString(random.nextLong())));
        }
        List<String> ops = new ArrayList<>();
        Map<String, Verdict> fields = new LinkedHashMap<>();
        List<String> targets = new ArrayList<>(
                List.of("market_id", "outcome", "side", "price", "size", "client_order_id", "params", "structure"));
        java.util.Collections.shuffle(targets, random);
        int mutations = chance(0.1) ? 0 : 1 + n(3);
        Map<String, List<V>> pools = Map.of(
                "market_id",
                marketIds(exchange, market),
                "outcome",
                OUTCOMES,
                "side",
                SIDES,
                "price",
                PRICES,
                "size",
                SIZES,
                "client_order_id",
                CLIENT_IDS,
                "params",
                params());
        for (int i = 0; i < mutations; i++) {
            String target = targets.get(i);
            if (!target.equals("structure")) {
                V v = pick(pools.get(target));
                obj.set(target, v.raw());
                fields.put(target, v.on(exchange));
                ops.add(target + ":" + pools.get(target).indexOf(v));
                continue;
            }
            switch (n(6)) {
                case 0 -> {
                    String f = pick("market_id", "outcome", "side", "price", "size");
                    obj.remove(f);
                    fields.put(f, Verdict.INVALID);
                    ops.add("drop:" + f);
                }
                case 1 -> {
                    obj.put(pick("foo", "quantity", "limit_price", "Market_Id"), pick("1", "\"x\"", "null"));
                    fields.put("extra", Verdict.INVALID);
                    ops.add("unknown-field");
                }
                case 2 -> {
                    String f = pick(
                            "private_key",
                            "api_key_id",
                            "clob_api_secret",
                            "X-Exchange-Credentials",
                            "PRIVATE_KEY",
                            "passphrase",
                            "signature");
                    obj.put(f, str("cnry-" + Long.toHexString(random.nextLong())));
                    fields.put("extra", Verdict.INVALID);
                    ops.add("credential-field");
                }
                case 3 -> {
                    String f = pick("market_id", "outcome", "side", "price", "size");
                    obj.put(f, obj.get(f) == null ? "1" : obj.get(f));
                    fields.put("dup", Verdict.INVALID);
                    ops.add("duplicate:" + f);
                }
                case 4 -> {
                    String f = pick("price", "size", "outcome", "params");
                    obj.set(f, nested(pick(33, 1000)));
                    fields.put(f, Verdict.INVALID);
                    ops.add("deep:" + f);
                }
                default -> {
                    obj.put("params", "{\"token_id\":\"1\",\"nested\":{\"private_key\":\"x\"}}");
                    fields.put("params", Verdict.INVALID);
                    ops.add("nested-credential");
                }
            }
        }
        Verdict verdict = Verdict.VALID;
        for (Verdict v : fields.values()) {
            verdict = verdict.and(v);
        }
        String body = obj.render();
        if (chance(0.1)) {
            switch (n(5)) {
                case 0 -> {
                    body = body.substring(0, n(body.length()));
                    verdict = Verdict.INVALID;
                    ops.add("doc:truncated");
                }
                case 1 -> {
                    body = body + pick("x", "{}", "]", "{\"price\":0.01}");
                    verdict = Verdict.INVALID;
                    ops.add("doc:trailing");
                }
                case 2 -> {
                    body = pick("[]", "\"x\"", "null", "123", "[" + body + "]");
                    verdict = Verdict.INVALID;
                    ops.add("doc:not-an-object");
                }
                case 3 -> {
                    body = "{\"pad\":\"" + "x".repeat(66 * 1024) + "\"," + body.substring(1);
                    verdict = Verdict.INVALID;
                    ops.add("doc:oversize");
                }
                default -> {
                    char[] chars = body.toCharArray();
                    int at = n(chars.length);
                    char flipped;
                    do {
                        flipped = (char) (chars[at] ^ (1 << n(7)));
                    } while (flipped < 0x20 || flipped == 0x7f);
                    chars[at] = flipped;
                    body = new String(chars);
                    verdict = verdict.and(Verdict.UNKNOWN);
                    ops.add("doc:bit-flip");
                }
            }
        }
        String idempotencyKey = null;
        if (chance(0.25)) {
            String[][] keys = {
                {"idem-" + Long.toHexString(random.nextLong()), "VALID"},
                {"a b", "INVALID"},
                {"\u00e9t\u00e9", "INVALID"},
                {"k".repeat(256), "INVALID"},
                {"k".repeat(255), "VALID"},
                {"\u0000x", "INVALID"},
                {"x\r\nX-Injected: 1", "INVALID"},
                {"\u200bx", "INVALID"}
            };
            String[] k = pick(keys);
            if (!httpSafe || k[0].chars().allMatch(c -> c >= 0x20 && c <= 0xff && c != 0x7f)) {
                idempotencyKey = k[0];
                verdict = verdict.and(Verdict.valueOf(k[1]));
                ops.add("idempotency-key");
            }
        }
        return new OrderCase(exchange, body, idempotencyKey, verdict, String.join(",", ops));
    }

    /** Applies {@code mutate} {@code count} times with this generator; handy for building case lists. */
    public <T> List<T> cases(int count, BiFunction<Fuzz, Integer, T> make) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(make.apply(this, i));
        }
        return out;
    }
}
