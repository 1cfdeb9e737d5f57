package dev.pmgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWEAlgorithm;
import dev.pmgate.sandbox.BookSide;
import dev.pmgate.sandbox.FakePolymarket;
import dev.pmgate.sandbox.PriceLevelStructure;
import dev.pmgate.support.HttpCall;
import dev.pmgate.support.KafkaTestClient;
import dev.pmgate.support.KalshiAccount;
import dev.pmgate.support.KalshiAccount.KeyFormat;
import dev.pmgate.support.ParsecModels;
import dev.pmgate.support.PolymarketAccount;
import dev.pmgate.support.Sealer;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Drop-in rule (SPEC §2, 2026-12-04): every answer of both exchanges, over REST and over Kafka, pinned to the
 * Parsec SDK's models field by field ({@link ParsecModels}): bare arrays for lists, Order {@code created_at}
 * never null, Position prices numbers, balance {@code raw} an object, ping entries.
 */
class ParsecContractIT extends GatewayIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static KafkaTestClient kafka;
    private static KafkaTestClient.TopicReader results;

    @AfterAll
    static void closeKafka() {
        if (kafka != null) {
            results.close();
            kafka.close();
            kafka = null;
        }
    }

    static void fits(String what, List<String> violations) {
        assertThat(violations).as("Parsec model violations of " + what).isEmpty();
    }

    // ------------------------------------------------------------------ Kalshi

    private static KalshiAccount kalshiAccount() {
        KalshiAccount a = new KalshiAccount(KeyFormat.ED25519);
        KALSHI.registerKey(a.keyId, a.keyPair.getPublic());
        KALSHI.setBalance(a.keyId, new BigDecimal("1000"));
        return a;
    }

    private static String kalshiMarket() {
        String ticker =
                "KXPARSEC-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        KALSHI.addMarket(ticker, PriceLevelStructure.LINEAR_CENT);
        return ticker;
    }

    private static String order(String market, String outcome, String side, String price, String size, String extra) {
        return "{\"market_id\":\"" + market + "\",\"outcome\":\"" + outcome + "\",\"side\":\"" + side + "\",\"price\":"
                + price + ",\"size\":" + size + extra + "}";
    }

    @Test
    void kalshiRestAnswersFitTheParsecModels() {
        KalshiAccount a = kalshiAccount();
        String market = kalshiMarket();
        KALSHI.addLiquidity(market, BookSide.ASK, new BigDecimal("0.52"), new BigDecimal("5"));

        HttpCall.Response resting = kalshi("POST", "/orders", a.header(), order(market, "No", "buy", "0.30", "3", ""));
        assertThat(resting.status()).as(resting.body()).isEqualTo(201);
        fits("created order", ParsecModels.order(resting.json()));
        HttpCall.Response taker = kalshi(
                "POST",
                "/orders",
                a.header(),
                order(market, "Yes", "buy", "0.99", "2", ",\"params\":{\"order_type\":\"ioc\"}"));
        assertThat(taker.status()).as(taker.body()).isEqualTo(201);
        fits("filled order", ParsecModels.order(taker.json()));
        String id = resting.json().get("id").asText();

        fits(
                "get order",
                ParsecModels.order(
                        kalshi("GET", "/orders/" + id, a.header(), null).json()));
        JsonNode open = kalshi("GET", "/orders", a.header(), null).json();
        fits("open orders", ParsecModels.list(open, ParsecModels::order));
        assertThat(open).isNotEmpty();
        JsonNode all = kalshi("GET", "/orders?status=all&market_id=" + market, a.header(), null)
                .json();
        fits("all orders", ParsecModels.list(all, ParsecModels::order));
        assertThat(all).hasSize(2);
        JsonNode fills = kalshi("GET", "/fills", a.header(), null).json();
        fits("fills", ParsecModels.list(fills, ParsecModels::fill));
        assertThat(fills).isNotEmpty();
        JsonNode positions = kalshi("GET", "/positions", a.header(), null).json();
        fits("positions", ParsecModels.list(positions, ParsecModels::position));
        assertThat(positions).hasSize(1);
        // the only trade of the market was at 0.52: Yes position's current price
        assertThat(positions.get(0).get("current_price").decimalValue()).isEqualByComparingTo("0.52");
        JsonNode balance = kalshi("GET", "/balance", a.header(), null).json();
        fits("balance", ParsecModels.balance(balance));
        assertThat(balance.get("raw").has("balance_dollars")).isTrue();
        JsonNode ping = kalshi("GET", "/ping", a.header(), null).json();
        fits("ping", ParsecModels.ping(ping));
        assertThat(ping).hasSize(1);
        assertThat(ping.get(0).get("authenticated").asBoolean())
                .as(ping.toString())
                .isTrue();
        HttpCall.Response cancelled = kalshi("DELETE", "/orders/" + id, a.header(), null);
        fits("cancelled order", ParsecModels.order(cancelled.json()));
        assertThat(cancelled.json().get("status").asText()).isEqualTo("cancelled");
    }

    /** SPEC §2.2: last traded price, else the mid of best bid and ask, for the position's outcome; null only with neither. */
    @Test
    void kalshiCurrentPriceIsLastTradeElseMidElseNull() {
        KalshiAccount a = kalshiAccount();
        String quoted = kalshiMarket();
        String traded = kalshiMarket();
        String empty = kalshiMarket();
        KALSHI.seedPosition(a.keyId, quoted, new BigDecimal("-4"), new BigDecimal("1.60"));
        KALSHI.seedPosition(a.keyId, empty, new BigDecimal("2"), new BigDecimal("0.90"));
        KALSHI.addLiquidity(quoted, BookSide.BID, new BigDecimal("0.41"), new BigDecimal("3"));
        KALSHI.addLiquidity(quoted, BookSide.ASK, new BigDecimal("0.47"), new BigDecimal("3"));
        KALSHI.addLiquidity(traded, BookSide.ASK, new BigDecimal("0.63"), new BigDecimal("1"));
        KALSHI.addLiquidity(traded, BookSide.BID, new BigDecimal("0.20"), new BigDecimal("1"));
        HttpCall.Response take = kalshi(
                "POST",
                "/orders",
                a.header(),
                order(traded, "Yes", "buy", "0.63", "1", ",\"params\":{\"order_type\":\"fok\"}"));
        assertThat(take.status()).as(take.body()).isEqualTo(201);

        Map<String, JsonNode> byMarket = new LinkedHashMap<>();
        kalshi("GET", "/positions", a.header(), null)
                .json()
                .forEach(p -> byMarket.put(p.get("market_id").asText(), p));
        assertThat(byMarket).containsOnlyKeys(quoted, traded, empty);
        JsonNode no = byMarket.get(quoted);
        assertThat(no.get("outcome").asText()).isEqualTo("No");
        // No = 1 − YES mid (0.41 + 0.47) / 2 = 1 − 0.44
        assertThat(no.get("current_price").decimalValue()).isEqualByComparingTo("0.56");
        assertThat(no.get("average_price").decimalValue()).isEqualByComparingTo("0.40");
        assertThat(byMarket.get(traded).get("current_price").decimalValue()).isEqualByComparingTo("0.63");
        assertThat(byMarket.get(empty).get("current_price").isNull())
                .as("no trade, no quotes")
                .isTrue();
        assertThat(byMarket.get(empty).get("average_price").decimalValue()).isEqualByComparingTo("0.45");
        // the market read is public (unsigned) and asks for the page's markets at once
        List<dev.pmgate.sandbox.RecordedRequest> reads = KALSHI.requests().stream()
                .filter(q -> q.rawPath().endsWith("/markets")
                        && q.rawQuery() != null
                        && q.rawQuery().contains(quoted))
                .toList();
        assertThat(reads).hasSize(1).allSatisfy(q -> {
            assertThat(q.header("KALSHI-ACCESS-KEY")).isEmpty();
            assertThat(q.header("KALSHI-ACCESS-SIGNATURE")).isEmpty();
            assertThat(q.rawQuery()).contains(traded, empty);
        });
    }

    /** A page of many positions costs one public market read per 100 markets, not one per market. */
    @Test
    void kalshiPricesManyPositionsInBatchesOfAHundred() {
        KalshiAccount a = kalshiAccount();
        List<String> tickers = new java.util.ArrayList<>();
        for (int i = 0; i < 130; i++) {
            String t = kalshiMarket();
            tickers.add(t);
            KALSHI.seedPosition(a.keyId, t, BigDecimal.ONE, new BigDecimal("0.30"));
        }
        String last = tickers.get(tickers.size() - 1);
        KALSHI.addLiquidity(last, BookSide.BID, new BigDecimal("0.60"), BigDecimal.ONE);
        KALSHI.addLiquidity(last, BookSide.ASK, new BigDecimal("0.70"), BigDecimal.ONE);
        long before = KALSHI.requests().stream()
                .filter(q -> q.rawPath().endsWith("/markets"))
                .count();
        JsonNode positions = kalshi("GET", "/positions", a.header(), null).json();
        assertThat(positions).hasSize(130);
        assertThat(KALSHI.requests().stream()
                                .filter(q -> q.rawPath().endsWith("/markets"))
                                .count()
                        - before)
                .as("130 markets in two reads")
                .isEqualTo(2);
        JsonNode priced = null;
        for (JsonNode p : positions) {
            if (p.get("market_id").asText().equals(last)) {
                priced = p;
            }
        }
        assertThat(priced).isNotNull();
        assertThat(priced.get("current_price").decimalValue()).isEqualByComparingTo("0.65");
    }

    // ------------------------------------------------------------------ Polymarket

    private static FakePolymarket.Market polymarketMarket() {
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        FakePolymarket.Market m = FakePolymarket.Market.binary(
                "0x" + HexFormat.of().formatHex(id),
                new java.math.BigInteger(120, RANDOM).toString(),
                new java.math.BigInteger(120, RANDOM).toString(),
                "0.01",
                false);
        POLYMARKET.addMarket(m);
        return m;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void polymarketRestAnswersFitTheParsecModels(boolean withClob) {
        PolymarketAccount a =
                withClob ? PolymarketAccount.withClobCredentials(POLYMARKET) : PolymarketAccount.keyOnly(POLYMARKET);
        POLYMARKET.setCollateral(a.address(), new BigDecimal("1000"));
        FakePolymarket.Market m = polymarketMarket();
        long before = Instant.now().toEpochMilli();

        HttpCall.Response resting =
                polymarket("POST", "/orders", a.header(), order(m.conditionId(), "Yes", "buy", "0.40", "5", ""));
        assertThat(resting.status()).as(resting.body()).isEqualTo(201);
        fits("created order", ParsecModels.order(resting.json()));
        // created_at: the signed order's timestamp, as the CLOB stored it
        FakePolymarket.PlacedOrder placed =
                POLYMARKET.order(resting.json().get("id").asText()).orElseThrow();
        assertThat(Instant.parse(resting.json().get("created_at").asText()).toEpochMilli())
                .isEqualTo(Long.parseLong(placed.timestamp()))
                .isBetween(before - 5_000, Instant.now().toEpochMilli() + 5_000);

        POLYMARKET.setCrossingLiquidity(m.tokens().get(0).tokenId(), new BigDecimal("100"));
        HttpCall.Response taker = polymarket(
                "POST",
                "/orders",
                a.header(),
                order(m.conditionId(), "Yes", "buy", "0.50", "10", ",\"params\":{\"order_type\":\"fok\"}"));
        assertThat(taker.status()).as(taker.body()).isEqualTo(201);
        fits("filled order", ParsecModels.order(taker.json()));

        String id = resting.json().get("id").asText();
        fits(
                "get order",
                ParsecModels.order(
                        polymarket("GET", "/orders/" + id, a.header(), null).json()));
        JsonNode open = polymarket("GET", "/orders", a.header(), null).json();
        fits("open orders", ParsecModels.list(open, ParsecModels::order));
        assertThat(open).isNotEmpty();
        JsonNode fills = polymarket("GET", "/fills", a.header(), null).json();
        fits("fills", ParsecModels.list(fills, ParsecModels::fill));
        assertThat(fills).isNotEmpty();
        POLYMARKET.setPosition(
                a.address(),
                new FakePolymarket.Position(
                        m.tokens().get(1).tokenId(),
                        new BigDecimal("7"),
                        new BigDecimal("0.33"),
                        new BigDecimal("0.36"),
                        BigDecimal.ZERO));
        JsonNode positions = polymarket("GET", "/positions", a.header(), null).json();
        fits("positions", ParsecModels.list(positions, ParsecModels::position));
        assertThat(positions).isNotEmpty();
        JsonNode balance = polymarket("GET", "/balance", a.header(), null).json();
        fits("balance", ParsecModels.balance(balance));
        assertThat(balance.get("raw").has("balance")).as(balance.toString()).isTrue();
        JsonNode ping = polymarket("GET", "/ping", a.header(), null).json();
        fits("ping", ParsecModels.ping(ping));
        assertThat(ping.get(0).get("authenticated").asBoolean())
                .as(ping.toString())
                .isTrue();
        HttpCall.Response cancelled = polymarket("DELETE", "/orders/" + id, a.header(), null);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        fits("cancelled order", ParsecModels.order(cancelled.json()));
    }

    /**
     * With an idempotency key the signed timestamp is derived from the key (the same on every retry), not the
     * moment of placing: created_at is read back from the CLOB; a failed read-back keeps the signed one.
     */
    @Test
    void aKeyedPolymarketOrderTakesCreatedAtFromTheClob() {
        PolymarketAccount a = PolymarketAccount.withClobCredentials(POLYMARKET);
        POLYMARKET.setCollateral(a.address(), new BigDecimal("100"));
        FakePolymarket.Market m = polymarketMarket();
        long before = Instant.now().getEpochSecond();
        HttpCall.Response created = api("POST", "/orders?exchange=polymarket")
                .header("X-Exchange-Credentials", a.header())
                .header("Idempotency-Key", "keyed-" + UUID.randomUUID())
                .body(order(m.conditionId(), "Yes", "buy", "0.20", "5", ""))
                .send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        fits("keyed created order", ParsecModels.order(created.json()));
        FakePolymarket.PlacedOrder placed =
                POLYMARKET.order(created.json().get("id").asText()).orElseThrow();
        assertThat(Instant.parse(created.json().get("created_at").asText()).getEpochSecond())
                .isEqualTo(placed.createdAt())
                .isBetween(before - 5, Instant.now().getEpochSecond() + 5);

        POLYMARKET.injectFault(FakePolymarket.Fault.respond(500, "{\"error\":\"internal\"}")
                .on("GET", "/data/order")
                .times(3));
        HttpCall.Response unread = api("POST", "/orders?exchange=polymarket")
                .header("X-Exchange-Credentials", a.header())
                .header("Idempotency-Key", "keyed-" + UUID.randomUUID())
                .body(order(m.conditionId(), "Yes", "buy", "0.21", "5", ""))
                .send();
        assertThat(unread.status())
                .as("the order was placed: a failed read-back is no error")
                .isEqualTo(201);
        FakePolymarket.PlacedOrder signed =
                POLYMARKET.order(unread.json().get("id").asText()).orElseThrow();
        assertThat(Instant.parse(unread.json().get("created_at").asText()).toEpochMilli())
                .isEqualTo(Long.parseLong(signed.timestamp()));
    }

    // ------------------------------------------------------------------ Kafka

    private JsonNode kafkaRoundTrip(
            String exchange, Map<String, Object> credentials, String op, Map<String, Object> extra) {
        if (kafka == null) {
            kafka = new KafkaTestClient(System.getProperty("spring.embedded.kafka.brokers"));
            results = kafka.reader("pmgate.results");
        }
        String jwks = HttpCall.to("GET", "http://127.0.0.1:" + port + "/api/v1/credentials/jwks")
                .send()
                .body();
        String sealed = Sealer.seal(jwks, credentials, Instant.now().getEpochSecond() + 300, JWEAlgorithm.ECDH_ES);
        String id = "parsec-" + op + "-" + UUID.randomUUID();
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("request_id", id);
        value.put("op", op);
        value.put("exchange", exchange);
        value.putAll(extra);
        try {
            kafka.send(
                    "pmgate.requests",
                    id,
                    MAPPER.writeValueAsString(value),
                    Map.of("X-API-Key", API_KEY, "X-Exchange-Credentials", sealed));
            KafkaTestClient.Record r = results.await(x -> id.equals(x.key()), 1, Duration.ofSeconds(30))
                    .get(0);
            return MAPPER.readTree(r.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void kafkaAnswersFit(String exchange, Map<String, Object> credentials, Map<String, Object> order) {
        JsonNode created = kafkaRoundTrip(exchange, credentials, "create_order", Map.of("order", order));
        assertThat(created.get("ok").asBoolean()).as(created.toString()).isTrue();
        fits("kafka create_order", ParsecModels.order(created.get("result")));
        String id = created.get("result").get("id").asText();
        fits(
                "kafka get_order",
                ParsecModels.order(kafkaRoundTrip(exchange, credentials, "get_order", Map.of("order_id", id))
                        .get("result")));
        for (String op : List.of("list_orders", "get_fills", "get_positions")) {
            JsonNode listed = kafkaRoundTrip(exchange, credentials, op, Map.of());
            assertThat(listed.get("ok").asBoolean()).as(listed.toString()).isTrue();
            fits(
                    "kafka " + op,
                    ParsecModels.list(
                            listed.get("result"),
                            switch (op) {
                                case "list_orders" -> ParsecModels::order;
                                case "get_fills" -> ParsecModels::fill;
                                default -> ParsecModels::position;
                            }));
            assertThat(listed.has("next_cursor"))
                    .as("next_cursor beside result: " + listed)
                    .isTrue();
            assertThat(listed.get("result")).as(op).isNotEmpty();
        }
        JsonNode balance = kafkaRoundTrip(exchange, credentials, "get_balance", Map.of());
        fits("kafka get_balance", ParsecModels.balance(balance.get("result")));
        JsonNode cancelled = kafkaRoundTrip(exchange, credentials, "cancel_order", Map.of("order_id", id));
        assertThat(cancelled.get("ok").asBoolean()).as(cancelled.toString()).isTrue();
        fits("kafka cancel_order", ParsecModels.order(cancelled.get("result")));
    }

    /** Over Kafka the idempotency key is the request_id: an order of unknown fate says to retry only with it. */
    @Test
    void aKafkaCreateOfUnknownFateNamesTheRequestIdAsTheSafeRetry() {
        KalshiAccount k = kalshiAccount();
        String market = kalshiMarket();
        KALSHI.injectNext(
                r -> r.method().equals("POST") && r.bodyString().contains(market),
                dev.pmgate.sandbox.FakeFault.fail(500, "", null));
        JsonNode failed = kafkaRoundTrip(
                "kalshi",
                k.credentialsJson(),
                "create_order",
                Map.of(
                        "order",
                        Map.of(
                                "market_id",
                                market,
                                "outcome",
                                "Yes",
                                "side",
                                "buy",
                                "price",
                                new BigDecimal("0.44"),
                                "size",
                                2)));
        assertThat(failed.get("ok").asBoolean()).isFalse();
        assertThat(failed.get("status").asInt()).isEqualTo(502);
        assertThat(failed.get("error").get("retryable").asBoolean()).isTrue();
        assertThat(failed.get("error").get("error").asText()).contains("may or may not have been placed", "request_id");
    }

    @Test
    void kafkaResultsFitTheParsecModelsOnBothExchanges() {
        KalshiAccount k = kalshiAccount();
        String market = kalshiMarket();
        KALSHI.seedPosition(k.keyId, market, new BigDecimal("3"), new BigDecimal("1.20"));
        KALSHI.seedFill(
                k.keyId,
                market,
                BookSide.BID,
                new BigDecimal("0.40"),
                new BigDecimal("3"),
                new BigDecimal("0.02"),
                false);
        KALSHI.addLiquidity(market, BookSide.BID, new BigDecimal("0.38"), new BigDecimal("1"));
        KALSHI.addLiquidity(market, BookSide.ASK, new BigDecimal("0.50"), new BigDecimal("1"));
        kafkaAnswersFit(
                "kalshi",
                k.credentialsJson(),
                Map.of(
                        "market_id",
                        market,
                        "outcome",
                        "Yes",
                        "side",
                        "buy",
                        "price",
                        new BigDecimal("0.44"),
                        "size",
                        2,
                        "params",
                        Map.of("post_only", "true")));

        PolymarketAccount p = PolymarketAccount.withClobCredentials(POLYMARKET);
        POLYMARKET.setCollateral(p.address(), new BigDecimal("100"));
        FakePolymarket.Market m = polymarketMarket();
        POLYMARKET.setPosition(
                p.address(),
                new FakePolymarket.Position(
                        m.tokens().get(0).tokenId(),
                        new BigDecimal("5"),
                        new BigDecimal("0.61"),
                        new BigDecimal("0.66"),
                        BigDecimal.ZERO));
        byte[] orderHash = new byte[32];
        RANDOM.nextBytes(orderHash);
        POLYMARKET.addTrade(new FakePolymarket.Trade(
                UUID.randomUUID().toString(),
                p.address(),
                "0x" + HexFormat.of().formatHex(orderHash),
                m.tokens().get(0).tokenId(),
                dev.pmgate.polymarket.PolymarketSide.BUY,
                new BigDecimal("5"),
                new BigDecimal("0.61"),
                "CONFIRMED",
                Instant.now().getEpochSecond(),
                "TAKER"));
        kafkaAnswersFit(
                "polymarket",
                p.credentialsJson(),
                Map.of(
                        "market_id",
                        m.conditionId(),
                        "outcome",
                        "No",
                        "side",
                        "buy",
                        "price",
                        new BigDecimal("0.25"),
                        "size",
                        8));
    }
}
