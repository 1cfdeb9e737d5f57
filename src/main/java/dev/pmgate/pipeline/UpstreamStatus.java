package dev.pmgate.pipeline;

import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.UpstreamError;
import dev.pmgate.upstream.RetryAfter;
import dev.pmgate.upstream.UpstreamResponse;
import java.util.List;

/**
 * The part of reading an exchange's error answer that is the same for every exchange (SPEC §2.3): the HTTP
 * status ladder for rate limits, refused credentials and server failures. Each exchange's error translator
 * asks this first and reads its own error bodies for the rest.
 */
public final class UpstreamStatus {

    private UpstreamStatus() {}

    /** 429: retryable, with the exchange's {@code Retry-After} (1 s when absent or unreadable). */
    public static GatewayException rateLimited(
            UpstreamResponse response, String exchange, String displayName, UpstreamError upstream) {
        return new GatewayException(
                ErrorCode.RATE_LIMIT_EXCEEDED,
                displayName + " rate limit exceeded",
                List.of(),
                exchange,
                upstream,
                true,
                RetryAfter.seconds(response.retryAfter(), 1));
    }

    /** 401 or 403: the exchange refused the credentials or the signature. */
    public static boolean refusesCredentials(int status) {
        return status == 401 || status == 403;
    }

    /**
     * A 5xx (or an exchange's own "unavailable" status), as {@code SERVICE_UNAVAILABLE} or
     * {@code UPSTREAM_ERROR}; {@code null} for any other status.
     */
    public static GatewayException serverFailure(
            int status, boolean unavailable, String exchange, String displayName, UpstreamError upstream) {
        if (unavailable || status == 503) {
            return GatewayException.upstream(
                    ErrorCode.SERVICE_UNAVAILABLE, displayName + " is unavailable", exchange, upstream);
        }
        if (status >= 500) {
            return GatewayException.upstream(
                    ErrorCode.UPSTREAM_ERROR, displayName + " failed to process the request", exchange, upstream);
        }
        return null;
    }
}
