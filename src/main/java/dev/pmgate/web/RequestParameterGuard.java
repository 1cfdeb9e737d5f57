package dev.pmgate.web;

import dev.pmgate.api.ErrorCode;
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
 * A query string the container cannot parse (a malformed {@code %} escape, bytes that are not UTF-8,
 * too many parameters) makes platform-http fail before any route runs, with a 500 and an HTML page,
 * and the container's message quotes the parameter. Parse it here first and answer 400 in the SPEC
 * shape instead, quoting nothing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestParameterGuard extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParameterMap();
        } catch (RuntimeException e) {
            JsonErrorController.writeError(response, ErrorCode.BAD_REQUEST);
            return;
        }
        chain.doFilter(request, response);
    }
}
