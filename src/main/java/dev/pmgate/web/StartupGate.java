package dev.pmgate.web;

import dev.pmgate.api.ErrorBody;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Clean start-up: the servlet container accepts connections before Camel has started the REST routes, and
 * until then every API path would be a 404 "no such endpoint". While {@link RoutesReadiness#restReady()} is
 * false, every {@code /api/v1/**} request is answered 503 {@code service_unavailable} (SPEC §2.3 shape,
 * retryable) with {@code Retry-After: 1}, before anything else looks at it. Once the routes run, the gate is
 * a single volatile read.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class StartupGate extends OncePerRequestFilter {

    static final String API_PREFIX = "/api/v1";

    private final RoutesReadiness readiness;
    private volatile boolean open;

    StartupGate(RoutesReadiness readiness) {
        this.readiness = readiness;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (open) {
            return true;
        }
        String path = request.getRequestURI();
        return !(path.equals(API_PREFIX) || path.startsWith(API_PREFIX + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (readiness.restReady()) {
            open = true;
            chain.doFilter(request, response);
            return;
        }
        response.resetBuffer();
        response.setStatus(ErrorCode.SERVICE_UNAVAILABLE.status());
        response.setHeader("Retry-After", "1");
        response.setHeader(ErrorBody.SHOULD_RETRY_HEADER, "true");
        response.setContentType("application/json");
        response.getOutputStream()
                .write(Json.mapper()
                        .writeValueAsBytes(ErrorBody.of(new GatewayException(
                                ErrorCode.SERVICE_UNAVAILABLE, "pmgate is starting; retry shortly"))));
    }
}
