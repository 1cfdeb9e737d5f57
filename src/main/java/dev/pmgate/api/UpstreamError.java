package dev.pmgate.api;

/** What the exchange said, as far as it is safe to repeat: its status, its code and its message. */
public record UpstreamError(int status, String code, String message) {

    /** An exchange's own text, made safe to repeat: no control characters, at most 300 characters. */
    public static String clip(String text) {
        if (text == null) {
            return null;
        }
        String cleaned = text.replaceAll("\\p{Cntrl}", " ");
        return cleaned.length() > 300 ? cleaned.substring(0, 300) : cleaned;
    }
}
