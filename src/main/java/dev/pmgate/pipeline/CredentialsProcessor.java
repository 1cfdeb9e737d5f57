package dev.pmgate.pipeline;

import dev.pmgate.api.CredentialsHeader;
import dev.pmgate.api.ExchangeName;
import dev.pmgate.credentials.CredentialsDecoder;
import dev.pmgate.credentials.TrackedSession;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The edge of SPEC §3: removes {@code X-Exchange-Credentials} from the message at once, decodes it
 * into a transient session kept in an exchange property (never copied to HTTP or Kafka), and
 * closes that session when the exchange completes, whatever the outcome.
 */
class CredentialsProcessor implements Processor {

    private final CredentialsDecoder decoder;
    private final Exchanges exchanges;
    private final boolean allowPlaintextOnKafka;

    /**
     * @param allowPlaintextOnKafka whether unsealed credentials are accepted from Kafka records
     *                              (REST always accepts them: they never persist there)
     */
    CredentialsProcessor(CredentialsDecoder decoder, Exchanges exchanges, boolean allowPlaintextOnKafka) {
        this.decoder = decoder;
        this.exchanges = exchanges;
        this.allowPlaintextOnKafka = allowPlaintextOnKafka;
    }

    @Override
    public void process(Exchange exchange) {
        Object header = exchange.getIn().removeHeader(CredentialsHeader.NAME);
        ExchangeName name = exchanges.parse(Pipeline.exchangeParam(exchange)).name();
        boolean fromKafka = Pipeline.fromKafka(exchange);
        TrackedSession session = decoder.open(header, name, !fromKafka || allowPlaintextOnKafka);
        exchange.setProperty(Pipeline.SESSION, session);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                session.close();
                done.removeProperty(Pipeline.SESSION);
            }
        });
    }
}
