package dev.pmgate.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pmgate.credentials.SealedCredentials;
import org.apache.camel.Exchange;

/** Public (no API key, no credentials) answers: the sealing JWKS. */
public class PublicEndpoints {

    private final SealedCredentials sealed;

    public PublicEndpoints(SealedCredentials sealed) {
        this.sealed = sealed;
    }

    public void jwks(Exchange exchange) throws JsonProcessingException {
        var in = exchange.getIn();
        in.removeHeaders("*");
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        in.setHeader(Exchange.CONTENT_TYPE, "application/jwk-set+json");
        in.setBody(Json.mapper().writeValueAsBytes(sealed.publicJwks()));
    }
}
