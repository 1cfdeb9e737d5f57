package dev.pmgate.marketdata;

/** The public upstream surfaces market data is read from, each with its attempt route and guard. */
public enum PublicSource {
    KALSHI("kalshi", "direct:market-data-kalshi-attempt"),
    GAMMA("polymarket", "direct:market-data-gamma-attempt"),
    CLOB("polymarket", "direct:market-data-clob-attempt"),
    DATA("polymarket", "direct:market-data-data-attempt");

    private final String exchange;
    private final String attemptUri;

    PublicSource(String exchange, String attemptUri) {
        this.exchange = exchange;
        this.attemptUri = attemptUri;
    }

    public String exchange() {
        return exchange;
    }

    public String attemptUri() {
        return attemptUri;
    }
}
