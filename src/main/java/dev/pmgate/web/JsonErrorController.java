package dev.pmgate.web;

import dev.pmgate.api.Causes;
import dev.pmgate.api.ErrorBody;
import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.Json;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Errors that never reach a Camel route (unknown path, wrong method, servlet-level failures) get
 * the SPEC §2.3 shape too, with no path, message or stack trace echoed.
 */
@Controller
class JsonErrorController implements ErrorController {

    @RequestMapping("/error")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = statusAttribute instanceof Integer s ? s : 500;
        if (status == 500 && rejectedForLoad(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION))) {
            // the request executor is full: overload, not a bug — answer like the in-flight bound does
            response.setHeader("Retry-After", "1");
            writeError(response, ErrorCode.SERVICE_UNAVAILABLE);
            return;
        }
        writeError(response, codeFor(status));
    }

    private static boolean rejectedForLoad(Object exception) {
        return exception instanceof Throwable t
                && Causes.find(t, java.util.concurrent.RejectedExecutionException.class) != null;
    }

    static ErrorCode codeFor(int status) {
        return switch (status) {
            case 400 -> ErrorCode.BAD_REQUEST;
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 431 -> ErrorCode.HEADER_TOO_LARGE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            // the container's answers to a CONNECT or an unknown HTTP version: the client's doing, not a bug
            case 501 -> ErrorCode.NOT_SUPPORTED;
            case 505 -> ErrorCode.BAD_REQUEST;
            default -> status >= 400 && status < 500 ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL_ERROR;
        };
    }

    static void writeError(HttpServletResponse response, ErrorCode code) throws IOException {
        String message = switch (code) {
            case NOT_FOUND -> "no such endpoint";
            case METHOD_NOT_ALLOWED -> "method not allowed on this endpoint";
            case INTERNAL_ERROR -> "internal error";
            case SERVICE_UNAVAILABLE -> "the gateway is overloaded; retry shortly";
            case NOT_SUPPORTED -> "not supported";
            default -> "bad request";
        };
        response.resetBuffer();
        response.setStatus(code.status());
        response.setContentType("application/json");
        // SPEC §2.3: every error says whether a retry is advised (the Parsec SDK obeys this over its own rules)
        response.setHeader(ErrorBody.SHOULD_RETRY_HEADER, Boolean.toString(code.retryable()));
        response.getOutputStream()
                .write(Json.mapper().writeValueAsBytes(ErrorBody.of(new GatewayException(code, message))));
    }
}
