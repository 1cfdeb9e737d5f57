package dev.pmgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.RequestDispatcher;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Servlet-level errors get the SPEC shape; a full request executor is overload (503), not a bug. */
class JsonErrorControllerTest {

    private final JsonErrorController controller = new JsonErrorController();

    private MockHttpServletResponse error(int status, Throwable exception) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, exception);
        MockHttpServletResponse response = new MockHttpServletResponse();
        controller.error(request, response);
        return response;
    }

    @Test
    void aRejectedExecutionIsServiceUnavailableWithRetryAfter() throws Exception {
        MockHttpServletResponse response =
                error(500, new IllegalStateException("wrapped", new RejectedExecutionException("queue full")));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getContentAsString())
                .contains("\"code\":\"service_unavailable\"", "\"retryable\":true")
                .doesNotContain("queue full");
    }

    @Test
    void anyOtherServerErrorStaysAnInternalErrorWithoutDetail() throws Exception {
        MockHttpServletResponse response = error(500, new IllegalStateException("secret detail"));
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getContentAsString())
                .contains("\"code\":\"internal_error\"")
                .doesNotContain("secret detail");
        assertThat(error(404, null).getContentAsString()).contains("\"code\":\"not_found\"");
    }
}
