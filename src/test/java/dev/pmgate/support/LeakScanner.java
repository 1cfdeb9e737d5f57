package dev.pmgate.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scans what the gateway emitted (log lines, HTTP responses, upstream requests) for secrets. A finding
 * names where it is and which secret (by index) it is, with every secret in the excerpt masked, so a
 * failure report does not spread the secret further than the output it was found in.
 */
public final class LeakScanner {

    /** Headers an upstream Kalshi request may carry (SPEC §3 invariant 8), lower case. */
    public static final Set<String> KALSHI_AUTH_HEADERS =
            Set.of("kalshi-access-key", "kalshi-access-signature", "kalshi-access-timestamp");

    private LeakScanner() {}

    /** Fails when any of {@code secrets} occurs in any of {@code outputs}; {@code where} names the output kind. */
    public static void assertNoLeak(String where, Collection<String> outputs, List<String> secrets) {
        List<String> findings = findings(where, outputs, secrets);
        if (!findings.isEmpty()) {
            // for log lines ("LEVEL logger message") the distinct level+logger pairs say where to look
            Set<String> sources = new TreeSet<>();
            for (String output : outputs) {
                for (String secret : secrets) {
                    if (output.contains(secret)) {
                        String[] words = output.split("\\s+", 3);
                        sources.add(mask(words.length > 1 ? words[0] + " " + words[1] : words[0], secrets));
                        break;
                    }
                }
            }
            throw new AssertionError(findings.size() + " secret occurrence(s) in " + where + ", from " + sources + ":\n"
                    + String.join("\n", findings.subList(0, Math.min(20, findings.size()))));
        }
    }

    public static List<String> findings(String where, Collection<String> outputs, List<String> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("nothing to scan for: an empty secret list would always pass");
        }
        for (String secret : secrets) {
            if (secret == null || secret.length() < 16) {
                throw new IllegalArgumentException("secret fragments must be at least 16 characters to be specific");
            }
        }
        List<String> findings = new ArrayList<>();
        int i = 0;
        for (String output : outputs) {
            for (int s = 0; s < secrets.size(); s++) {
                int at = output.indexOf(secrets.get(s));
                if (at >= 0) {
                    findings.add(where + " #" + i + " contains secret #" + s + ": "
                            + mask(output.substring(0, Math.min(100, output.length())), secrets) + " ... "
                            + excerpt(output, at, secrets));
                }
            }
            i++;
        }
        return findings;
    }

    private static String excerpt(String output, int at, List<String> secrets) {
        // widen the window by the longest secret so that masking sees every secret whole
        int longest = secrets.stream().mapToInt(String::length).max().orElse(0);
        String window = output.substring(Math.max(0, at - 80 - longest), Math.min(output.length(), at + 120 + longest));
        String masked = mask(window, secrets);
        int mark = masked.indexOf("<SECRET#");
        return masked.substring(Math.max(0, mark - 80), Math.min(masked.length(), mark + 160));
    }

    /** Replaces every secret, longest first (a fragment inside a longer secret must not break its match). */
    private static String mask(String text, List<String> secrets) {
        List<Integer> order = new ArrayList<>();
        for (int s = 0; s < secrets.size(); s++) {
            order.add(s);
        }
        order.sort((x, y) -> secrets.get(y).length() - secrets.get(x).length());
        String masked = text;
        for (int s : order) {
            masked = masked.replace(secrets.get(s), "<SECRET#" + s + ">");
        }
        return masked.replace("\n", "\\n").replace("\r", "\\r");
    }

    /**
     * One upstream request as text for the scan, without the exchange's auth headers (the only place a
     * credential-derived value may go): request line, every other header, body.
     */
    public static String withoutAuthHeaders(
            String method,
            String pathAndQuery,
            Map<String, List<String>> headers,
            String body,
            Set<String> authHeaders) {
        StringBuilder sb =
                new StringBuilder(method).append(' ').append(pathAndQuery).append('\n');
        headers.forEach((name, values) -> {
            if (!authHeaders.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> sb.append(name).append(": ").append(v).append('\n'));
            }
        });
        return sb.append('\n').append(body).toString();
    }

    /** Header names (lower case) outside {@code allowed}; empty when the request is clean. */
    public static Set<String> disallowedHeaders(Collection<String> headerNames, Set<String> allowed) {
        Set<String> out = new TreeSet<>();
        for (String name : headerNames) {
            if (!allowed.contains(name.toLowerCase(Locale.ROOT))) {
                out.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
