package dev.pmgate.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.pmgate.api.CredentialsHeader;
import dev.pmgate.api.EntryRequest;
import dev.pmgate.api.ExchangeName;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.GatewayResult;
import dev.pmgate.api.Operation;
import dev.pmgate.credentials.CredentialsDecoder;
import dev.pmgate.pipeline.Entry;
import dev.pmgate.pipeline.ErrorTranslator;
import dev.pmgate.pipeline.ExchangeModule;
import dev.pmgate.pipeline.Exchanges;
import dev.pmgate.pipeline.Headers;
import dev.pmgate.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/**
 * {@code GET /api/v1/ping[?exchange=]} (SPEC §8, Parsec {@code account.ping}): always 200 once the API key
 * is valid, {@code [{exchange, has_credentials, authenticated, message}]}.
 *
 * <p>Credentials are proven with one cheap signed read per exchange, run through the normal pipeline
 * (transient session, signing, closing): the exchange's {@code get_balance} operation, whatever that takes
 * there (an exchange may first derive session credentials, itself the proof the key is known). A refusal is
 * {@code authenticated: false} with the reason, never an error. The exchanges are every
 * {@link dev.pmgate.pipeline.ExchangeModule}, or the one named by {@code exchange=}; without it the
 * credentials go to the one exchange whose credential parser recognizes their shape (a header that cannot
 * be read, or that no single exchange recognizes, is reported against every exchange).
 */
class PingProcessor implements Processor {

    /** One ping entry (Parsec's model). */
    @JsonPropertyOrder({"exchange", "has_credentials", "authenticated", "message"})
    public record PingEntry(String exchange, boolean hasCredentials, boolean authenticated, String message) {}

    private final Processor apiKeyAuthenticator;
    private final Processor rateLimiter;
    private final CredentialsDecoder decoder;
    private final Exchanges exchanges;
    private final ProducerTemplate template;

    PingProcessor(
            Processor apiKeyAuthenticator,
            Processor rateLimiter,
            CredentialsDecoder decoder,
            Exchanges exchanges,
            ProducerTemplate template) {
        this.apiKeyAuthenticator = apiKeyAuthenticator;
        this.rateLimiter = rateLimiter;
        this.decoder = decoder;
        this.exchanges = exchanges;
        this.template = template;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        var in = exchange.getIn();
        Map<String, String> query = RestRequestReader.begin(exchange);
        Object apiKey = in.getHeader(CredentialsHeader.API_KEY);
        Object credentials = in.removeHeader(CredentialsHeader.NAME);
        Headers.keepOnly(in, CredentialsHeader.API_KEY);
        apiKeyAuthenticator.process(exchange); // removes X-API-Key; 401 when missing or unknown
        rateLimiter.process(exchange);
        String only = query.get("exchange");
        List<ExchangeName> targets = only == null || only.isBlank()
                ? exchanges.all().stream().map(ExchangeModule::name).toList()
                : List.of(exchanges.parse(only).name());
        boolean hasCredentials = credentials != null && !credentials.toString().isBlank();
        ExchangeName shape = hasCredentials && targets.size() > 1 ? decoder.exchangeOf(credentials) : null;
        List<PingEntry> entries = new ArrayList<>();
        for (ExchangeName target : targets) {
            boolean applies = hasCredentials && (targets.size() == 1 || shape == null || shape == target);
            entries.add(
                    applies
                            ? prove(exchange, target, apiKey, credentials)
                            : new PingEntry(
                                    target.wireName(),
                                    false,
                                    false,
                                    "no credentials for " + target.wireName() + " in X-Exchange-Credentials"));
        }
        in.setBody(GatewayResult.ok(200, entries));
    }

    /** One signed balance read through the gateway pipeline with these credentials. */
    private PingEntry prove(Exchange parent, ExchangeName target, Object apiKey, Object credentials) {
        Exchange probe = new DefaultExchange(parent.getContext());
        probe.setProperty(Pipeline.REQUEST_ID, parent.getProperty(Pipeline.REQUEST_ID));
        probe.setProperty(Pipeline.ENTRY, Entry.PING);
        probe.setProperty(Pipeline.OPERATION, Operation.GET_BALANCE);
        probe.setProperty(Pipeline.EXCHANGE_PARAM, target.wireName());
        probe.getIn().setHeader(CredentialsHeader.API_KEY, apiKey);
        probe.getIn().setHeader(CredentialsHeader.NAME, credentials);
        probe.getIn()
                .setBody(new EntryRequest(target.wireName(), null, null, Map.of("exchange", target.wireName()), null));
        Exchange done = template.send("direct:gateway", probe);
        String name = target.wireName();
        if (done.getException() == null && done.getIn().getBody() instanceof GatewayResult result && result.isOk()) {
            return new PingEntry(name, true, true, "credentials accepted by " + name);
        }
        GatewayException error = ErrorTranslator.translate(done.getException());
        String reason = error.getMessage();
        if (!error.validationErrors().isEmpty()) {
            reason += " (" + String.join("; ", error.validationErrors()) + ")";
        }
        if (error.upstream() != null && error.upstream().message() != null) {
            reason += ": " + error.upstream().message();
        }
        boolean refused = switch (error.code()) {
            case AUTHENTICATION_FAILED, INVALID_CREDENTIALS, CREDENTIALS_REQUIRED -> true;
            default -> false;
        };
        return new PingEntry(
                name,
                true,
                false,
                refused
                        ? reason
                        : "could not verify the credentials (" + error.code().code() + "): " + reason);
    }
}
