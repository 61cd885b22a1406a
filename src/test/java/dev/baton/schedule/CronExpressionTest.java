package dev.baton.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.InvalidInputException;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronExpressionTest {
    private static ZonedDateTime next(String cron, String after) {
        return CronExpression.parse(cron).next(ZonedDateTime.parse(after));
    }

    @Test
    void findsTheNextMatchingMinute() {
        assertThat(next("0 2 * * *", "2026-01-01T02:00Z")).isEqualTo(ZonedDateTime.parse("2026-01-02T02:00Z"));
        assertThat(next("*/15 * * * *", "2026-01-01T10:07:30Z")).isEqualTo(ZonedDateTime.parse("2026-01-01T10:15Z"));
        assertThat(next("30 22 * * mon-fri", "2026-01-02T23:00Z")) // a Friday night → Monday
                .isEqualTo(ZonedDateTime.parse("2026-01-05T22:30Z"));
        assertThat(next("0 0 29 feb *", "2026-03-01T00:00Z")).isEqualTo(ZonedDateTime.parse("2028-02-29T00:00Z"));
        assertThat(next("@weekly", "2026-01-01T00:00Z")).isEqualTo(ZonedDateTime.parse("2026-01-04T00:00Z"));
        assertThat(next("0 9 1,15 * 7", "2026-01-02T00:00Z")) // the 1st, the 15th, or a Sunday
                .isEqualTo(ZonedDateTime.parse("2026-01-04T09:00Z"));
    }

    @Test
    void badExpressionsSayWhatIsWrong() {
        assertThatThrownBy(() -> CronExpression.parse("0 25 * * *"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cron hour field '25': 25 is outside 0-23");
        assertThatThrownBy(() -> CronExpression.parse("0 5-2 * * *")).hasMessageContaining("runs backwards");
        assertThatThrownBy(() -> CronExpression.parse("x * * * *")).hasMessageContaining("'x' is not a number");
        assertThatThrownBy(() -> CronExpression.parse("0 0 31 feb *").next(ZonedDateTime.parse("2026-01-01T00:00Z")))
                .hasMessageContaining("never matches");
    }
}
