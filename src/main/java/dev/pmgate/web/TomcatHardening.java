package dev.pmgate.web;

import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Lets percent-encoded slashes reach the route (where the id check refuses them with a SPEC error
 * instead of Tomcat's HTML page) and makes Tomcat's own error pages JSON in the SPEC shape.
 */
@Component
public class TomcatHardening implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
            connector.setEncodedReverseSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
        });
        factory.addContextCustomizers(context -> ((org.apache.catalina.core.StandardHost) context.getParent())
                .setErrorReportValveClass(JsonErrorReportValve.class.getName()));
    }

    /** Replaces Tomcat's HTML error report with the SPEC error shape. */
    public static final class JsonErrorReportValve extends ErrorReportValve {
        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            try {
                JsonErrorController.writeError(response.getResponse(), JsonErrorController.codeFor(status));
                response.finishResponse();
            } catch (IOException | RuntimeException ignored) {
                // the client went away; nothing to report to
            }
        }
    }
}
