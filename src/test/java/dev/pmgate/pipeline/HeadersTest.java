package dev.pmgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.Test;

class HeadersTest {

    @Test
    void keepsOnlyTheNamedHeadersWhateverTheirCase() {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.start(); // a started context gives messages Camel's case-insensitive header map, as at run time
        DefaultMessage in = new DefaultMessage(camel);
        in.setHeader("x-api-key", "k");
        in.setHeader("X-Exchange-Credentials", "c");
        in.setHeader("Authorization", "Bearer t");
        in.setHeader("CamelHttpQuery", "a=b");
        in.setHeader("X-Api-Key-Extra", "x");

        Headers.keepOnly(in, "X-API-Key", "X-Exchange-Credentials", "Absent");

        assertThat(in.getHeaders()).hasSize(2);
        assertThat(in.getHeader("X-API-Key")).isEqualTo("k");
        assertThat(in.getHeader("x-exchange-credentials")).isEqualTo("c");
        assertThat(in.getHeaders()).doesNotContainKeys("Absent", "Authorization", "X-Api-Key-Extra");
        camel.stop();
    }
}
