package dev.pmgate.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Walking a book for the execution price, exactly. */
class BookWalkTest {

    @Test
    void bookWalkIsExact() {
        Book book = Book.of(
                List.of(),
                List.of(
                        new ParsecModels.Level(new BigDecimal("0.30"), new BigDecimal("1")),
                        new ParsecModels.Level(new BigDecimal("0.10"), new BigDecimal("1"))),
                null);
        BookWalk.Result r = BookWalk.walk(book, true, new BigDecimal("3"));
        assertThat(r.filled().toPlainString()).isEqualTo("2");
        assertThat(r.cost().toPlainString()).isEqualTo("0.4");
        assertThat(r.fullyFilled()).isFalse();
        assertThat(r.avgPrice().toPlainString()).isEqualTo("0.2");
        assertThat(r.bestPrice().toPlainString()).isEqualTo("0.1");
        assertThat(r.slippage().toPlainString()).isEqualTo("0.1");
        BookWalk.Result third = BookWalk.walk(
                Book.of(
                        List.of(),
                        List.of(
                                new ParsecModels.Level(new BigDecimal("0.1"), BigDecimal.ONE),
                                new ParsecModels.Level(new BigDecimal("0.2"), BigDecimal.TEN)),
                        null),
                true,
                new BigDecimal("3"));
        assertThat(third.avgPrice().toPlainString())
                .as("0.5 / 3 rounded half-up to 10 dp")
                .isEqualTo("0.1666666667");
    }
}
