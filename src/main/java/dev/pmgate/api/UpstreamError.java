package dev.pmgate.api;

/** What the exchange said, as far as it is safe to repeat: its status, its code and its message. */
public record UpstreamError(int status, String code, String message) {
}
