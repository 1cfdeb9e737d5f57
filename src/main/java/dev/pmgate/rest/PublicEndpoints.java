package dev.pmgate.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pmgate.api.Json;
import dev.pmgate.credentials.SealedCredentials;
import org.apache.camel.Exchange;

/** Public (no API key, no credentials) answers: the sealing JWKS and the OpenAPI document. */
class PublicEndpoints {

    /** The OpenAPI 3 document of the REST surface; a test keeps it in step with routes/rest-api.camel.yaml. */
    public static final String OPENAPI_RESOURCE = "/openapi/pmgate.json";

    private final SealedCredentials sealed;
    private final byte[] openApi;

    PublicEndpoints(SealedCredentials sealed) {
        this.sealed = sealed;
        try (java.io.InputStream in = PublicEndpoints.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("OpenAPI document missing from the classpath");
            }
            this.openApi = in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public void openApi(Exchange exchange) {
        var in = exchange.getIn();
        in.removeHeaders("*");
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        in.setBody(openApi.clone());
    }

    public void jwks(Exchange exchange) throws JsonProcessingException {
        var in = exchange.getIn();
        in.removeHeaders("*");
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        in.setHeader(Exchange.CONTENT_TYPE, "application/jwk-set+json");
        in.setBody(Json.mapper().writeValueAsBytes(sealed.publicJwks()));
    }
}
