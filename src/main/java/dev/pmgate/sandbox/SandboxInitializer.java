package dev.pmgate.sandbox;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With {@code pmgate.sandbox=true} ({@code PMGATE_SANDBOX}): starts the {@link Sandbox} exchanges before the
 * application context is refreshed, points every upstream URL of the gateway at them (a property source in
 * front of all others, so configured exchange URLs are ignored), registers the sandbox as a bean (it is the
 * {@link dev.pmgate.kalshi.KalshiKeyRegistrar}) and stops it when the context closes. Without it: nothing.
 */
public class SandboxInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String ENABLED = "pmgate.sandbox";
    public static final String PAPER_BALANCE = "pmgate.sandbox-paper-balance";
    public static final String MAX_ACCOUNTS = "pmgate.sandbox-max-accounts";
    public static final String MAX_ORDERS = "pmgate.sandbox-max-orders";
    static final String PROPERTY_SOURCE = "pmgateSandbox";
    static final String BEAN = "pmgateSandbox";

    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        if (!env.getProperty(ENABLED, Boolean.class, false)) {
            return;
        }
        Sandbox.Settings defaults = Sandbox.Settings.DEFAULTS;
        Sandbox.Settings settings = new Sandbox.Settings(
                env.getProperty(PAPER_BALANCE, BigDecimal.class, defaults.paperBalance()),
                env.getProperty(MAX_ACCOUNTS, Integer.class, defaults.maxAccounts()),
                env.getProperty(MAX_ORDERS, Integer.class, defaults.maxOrders()));
        long chainId = env.getProperty("pmgate.polymarket.chain-id", Long.class, 137L);
        Sandbox sandbox = Sandbox.start(settings, chainId);

        Map<String, Object> urls = new LinkedHashMap<>();
        urls.put("pmgate.kalshi.base-url", sandbox.kalshiBaseUrl());
        urls.put("pmgate.polymarket.clob-url", sandbox.polymarketClobUrl());
        urls.put("pmgate.polymarket.data-url", sandbox.polymarketDataUrl());
        urls.put("pmgate.polymarket.gamma-url", sandbox.polymarketGammaUrl());
        env.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, urls));

        context.getBeanFactory().registerSingleton(BEAN, sandbox);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                sandbox.close();
            }
        });
        banner(sandbox, settings);
    }

    private static void banner(Sandbox sandbox, Sandbox.Settings settings) {
        String rule = "=".repeat(100);
        LOG.warn(rule);
        LOG.warn("SANDBOX MODE — no real exchange is used. Kalshi and Polymarket are simulated inside this process;");
        LOG.warn("SANDBOX MODE — every order, fill, position and balance is paper money, kept in memory only.");
        LOG.warn(
                "SANDBOX MODE — configured exchange URLs are ignored: Kalshi {}, Polymarket CLOB {}, Data API {}",
                sandbox.kalshiBaseUrl(),
                sandbox.polymarketClobUrl(),
                sandbox.polymarketDataUrl());
        LOG.warn(
                "SANDBOX MODE — new accounts get ${} each; at most {} accounts and {} orders per exchange, oldest evicted.",
                settings.paperBalance().toPlainString(),
                settings.maxAccounts(),
                settings.maxOrders());
        LOG.warn(rule);
    }
}
