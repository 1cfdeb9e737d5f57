package dev.pmgate.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmgate.api.ErrorCode;
import dev.pmgate.api.FillPage;
import dev.pmgate.api.GatewayException;
import dev.pmgate.api.GatewayResult;
import dev.pmgate.api.OrderPage;
import dev.pmgate.api.PositionList;
import dev.pmgate.pipeline.Pipeline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The REST answer's own headers: x-should-retry on errors, X-Next-Cursor and Link on list pages. */
class HttpResponseWriterTest {

    private static Exchange write(GatewayResult result, Map<String, Object> properties) throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        properties.forEach(exchange::setProperty);
        exchange.getIn().setBody(result);
        new HttpResponseWriter().process(exchange);
        return exchange;
    }

    @Test
    void everyErrorCarriesTheRetryAdviceOfItsCode() throws Exception {
        for (ErrorCode code : ErrorCode.values()) {
            Exchange e = write(GatewayResult.error(new GatewayException(code, "x")), Map.of());
            assertThat(e.getIn().getHeader("x-should-retry"))
                    .as(code.code())
                    .isEqualTo(Boolean.toString(code.retryable()));
        }
        assertThat(ErrorCode.DUPLICATE_ORDER.retryable()).isFalse();
        assertThat(ErrorCode.NOT_SUPPORTED.retryable()).isFalse();
        assertThat(ErrorCode.INTERNAL_ERROR.retryable()).isFalse();
    }

    @Test
    void theUnknownFateOverrideWinsOverRetryable() throws Exception {
        Exchange e = write(
                GatewayResult.error(new GatewayException(ErrorCode.UPSTREAM_TIMEOUT, "x")),
                Map.of(Pipeline.SHOULD_RETRY, Boolean.FALSE));
        assertThat(e.getIn().getHeader("x-should-retry")).isEqualTo("false");
        assertThat(e.getIn().getBody(String.class)).contains("\"retryable\":true");
    }

    @Test
    void successesHaveNoRetryAdviceAndLastPagesNoLink() throws Exception {
        Exchange e = write(GatewayResult.ok(200, new OrderPage(List.of(), null)), Map.of());
        assertThat(e.getIn().getHeaders()).doesNotContainKeys("x-should-retry", "X-Next-Cursor", "Link");
        assertThat(e.getIn().getBody(String.class)).isEqualTo("[]");
    }

    @Test
    void aPageWithMoreLinksToTheSameQueryWithTheNextCursor() throws Exception {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("exchange", "kalshi");
        query.put("market_id", "KX-A B");
        query.put("cursor", "old");
        query.put("limit", "2");
        query.put("something_else", "not-echoed");
        Exchange e = write(
                GatewayResult.ok(200, new FillPage(List.of(), "c+/=1")),
                Map.of(Pipeline.REST_PATH, "/api/v1/fills", Pipeline.REST_QUERY, query));
        assertThat(e.getIn().getHeader("X-Next-Cursor")).isEqualTo("c+/=1");
        assertThat(e.getIn().getHeader("Link"))
                .isEqualTo(
                        "</api/v1/fills?exchange=kalshi&market_id=KX-A%20B&cursor=c%2B%2F%3D1&limit=2>; rel=\"next\"");
        Exchange first = write(
                GatewayResult.ok(200, new PositionList(List.of(), "n1")),
                Map.of(Pipeline.REST_PATH, "/api/v1/positions", Pipeline.REST_QUERY, Map.of("exchange", "kalshi")));
        assertThat(first.getIn().getHeader("Link"))
                .isEqualTo("</api/v1/positions?exchange=kalshi&cursor=n1>; rel=\"next\"");
    }
}
