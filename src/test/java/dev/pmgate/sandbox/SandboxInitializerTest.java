package dev.pmgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

/** {@code pmgate.sandbox}: off by default (nothing started), on = exchanges started, URLs replaced, stopped on close. */
class SandboxInitializerTest {

    private static GenericApplicationContext context(MockEnvironment env) {
        GenericApplicationContext context = new GenericApplicationContext();
        context.setEnvironment(env);
        new SandboxInitializer().initialize(context);
        context.refresh();
        return context;
    }

    @Test
    void aNormalStartStartsNoSandbox() {
        MockEnvironment env =
                new MockEnvironment().withProperty("pmgate.kalshi.base-url", "https://k.example/trade-api/v2");
        try (GenericApplicationContext context = context(env)) {
            assertThat(context.getBeansOfType(Sandbox.class)).isEmpty();
            assertThat(env.getPropertySources().contains(SandboxInitializer.PROPERTY_SOURCE))
                    .isFalse();
            assertThat(env.getProperty("pmgate.kalshi.base-url")).isEqualTo("https://k.example/trade-api/v2");
        }
        MockEnvironment off = new MockEnvironment().withProperty(SandboxInitializer.ENABLED, "false");
        try (GenericApplicationContext context = context(off)) {
            assertThat(context.getBeansOfType(Sandbox.class)).isEmpty();
        }
    }

    @Test
    void sandboxModeReplacesEveryExchangeUrlAndStopsWithTheContext() {
        MockEnvironment env = new MockEnvironment()
                .withProperty(SandboxInitializer.ENABLED, "true")
                .withProperty(SandboxInitializer.PAPER_BALANCE, "123.45")
                .withProperty(SandboxInitializer.MAX_ACCOUNTS, "7")
                .withProperty("pmgate.kalshi.base-url", "https://k.example/trade-api/v2")
                .withProperty("pmgate.polymarket.clob-url", "https://clob.example")
                .withProperty("pmgate.polymarket.data-url", "https://data.example");
        GenericApplicationContext context = context(env);
        Sandbox sandbox = context.getBean(Sandbox.class);
        assertThat(sandbox.settings().paperBalance()).isEqualByComparingTo("123.45");
        assertThat(sandbox.settings().maxAccounts()).isEqualTo(7);
        assertThat(sandbox.settings().maxOrders()).isEqualTo(Sandbox.Settings.DEFAULTS.maxOrders());
        assertThat(env.getProperty("pmgate.kalshi.base-url"))
                .isEqualTo(sandbox.kalshiBaseUrl())
                .startsWith("http://127.0.0.1:")
                .endsWith("/trade-api/v2");
        assertThat(env.getProperty("pmgate.polymarket.clob-url")).isEqualTo(sandbox.polymarketClobUrl());
        assertThat(env.getProperty("pmgate.polymarket.data-url")).isEqualTo(sandbox.polymarketDataUrl());
        assertThat(env.getProperty("pmgate.polymarket.gamma-url")).isEqualTo(sandbox.polymarketGammaUrl());
        assertThat(context.getBean(dev.pmgate.kalshi.KalshiKeyRegistrar.class)).isSameAs(sandbox);
        int kalshiPort = URI.create(sandbox.kalshiBaseUrl()).getPort();
        int polymarketPort = URI.create(sandbox.polymarketClobUrl()).getPort();
        assertThat(listening(kalshiPort)).isTrue();
        assertThat(listening(polymarketPort)).isTrue();

        context.close();
        assertThat(listening(kalshiPort)).as("stopped with the context").isFalse();
        assertThat(listening(polymarketPort)).isFalse();
    }

    @Test
    void nonsenseBoundsAreRefusedAtStartUp() {
        MockEnvironment env = new MockEnvironment()
                .withProperty(SandboxInitializer.ENABLED, "true")
                .withProperty(SandboxInitializer.MAX_ORDERS, "0");
        assertThatThrownBy(() -> context(env)).isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
