package dev.baton.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.InvalidInputException;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronExpressionTest {
    private static final String EXAMPLE = "e.g. \"30 22 * * 1-5\" for 22:30 Monday to Friday";

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
    void readsTimesInTheZoneItIsGiven() {
        // 02:00 in Paris is 01:00 UTC in winter and 00:00 UTC in summer.
        assertThat(next("0 2 * * *", "2026-01-10T12:00+01:00[Europe/Paris]").toInstant())
                .isEqualTo(ZonedDateTime.parse("2026-01-11T01:00Z").toInstant());
        assertThat(next("0 2 * * *", "2026-07-10T12:00+02:00[Europe/Paris]").toInstant())
                .isEqualTo(ZonedDateTime.parse("2026-07-11T00:00Z").toInstant());
    }

    @Test
    void theShorthandsAndNamesPeopleUseStillWorkInAnyCase() {
        assertThat(next("@hourly", "2026-01-01T10:07Z")).isEqualTo(ZonedDateTime.parse("2026-01-01T11:00Z"));
        assertThat(next("@daily", "2026-01-01T10:07Z")).isEqualTo(ZonedDateTime.parse("2026-01-02T00:00Z"));
        assertThat(next("@nightly", "2026-01-01T10:07Z")).isEqualTo(ZonedDateTime.parse("2026-01-02T00:00Z"));
        assertThat(next("@MIDNIGHT", "2026-01-01T10:07Z")).isEqualTo(ZonedDateTime.parse("2026-01-02T00:00Z"));
        assertThat(next("@monthly", "2026-01-01T10:07Z")).isEqualTo(ZonedDateTime.parse("2026-02-01T00:00Z"));
        assertThat(next("@yearly", "2026-01-01T10:07Z")).isEqualTo(ZonedDateTime.parse("2027-01-01T00:00Z"));
        assertThat(next("30 22 * * MON-FRI", "2026-01-02T23:00Z")).isEqualTo(ZonedDateTime.parse("2026-01-05T22:30Z"));
        assertThat(next(" 0  2 * * *  ", "2026-01-01T02:00Z")).isEqualTo(ZonedDateTime.parse("2026-01-02T02:00Z"));
        assertThat(CronExpression.parse(" @Daily ")).hasToString("@Daily"); // kept as its author typed it
    }

    @Test
    void describesWhenItFiresInPlainEnglish() {
        assertThat(CronExpression.parse("0 2 * * *").description()).isEqualTo("at 02:00");
        assertThat(CronExpression.parse("*/15 * * * *").description()).isEqualTo("every 15 minutes");
        assertThat(CronExpression.parse("30 22 * * mon-fri").description())
                .isEqualTo("at 22:30 every day between Monday and Friday");
        assertThat(CronExpression.parse("@daily").description()).isEqualTo("at 00:00");
    }

    @Test
    void badExpressionsSayWhatIsWrongAndShowAGoodOne() {
        assertThatThrownBy(() -> CronExpression.parse("0 25 * * *"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cron hour field '25': Value 25 not in range [0, 23]; " + EXAMPLE);
        assertThatThrownBy(() -> CronExpression.parse("0 5-2 * * *"))
                .hasMessage("cron hour field '5-2': Invalid range! [5,2]; " + EXAMPLE);
        assertThatThrownBy(() -> CronExpression.parse("x * * * *"))
                .hasMessageStartingWith("cron minute field 'x': Invalid chars")
                .hasMessageEndingWith(EXAMPLE);
        assertThatThrownBy(() -> CronExpression.parse("0 0 * 13 *"))
                .hasMessageStartingWith("cron month field '13': Value 13 not in range [1, 12]");
        assertThatThrownBy(() -> CronExpression.parse("0 0 * * 8"))
                .hasMessageStartingWith("cron day of week field '8': Value 8 not in range [0, 7]");
        assertThatThrownBy(() -> CronExpression.parse("0 2 * *"))
                .hasMessage("cron expression '0 2 * *' has 4 field(s); it needs five: "
                        + "minute hour day-of-month month day-of-week, " + EXAMPLE);
        assertThatThrownBy(() -> CronExpression.parse(" "))
                .hasMessage("empty cron expression; give five fields, e.g. \"0 2 * * *\" for 02:00 daily");
        assertThatThrownBy(() -> CronExpression.parse("@reboot"))
                .hasMessage("unknown cron shorthand '@reboot'; use @hourly, @daily, @weekly, @monthly or @yearly, "
                        + "or five fields, " + EXAMPLE);
        assertThatThrownBy(() -> CronExpression.parse("0 0 31 feb *").next(ZonedDateTime.parse("2026-01-01T00:00Z")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("never matches")
                .hasMessageEndingWith(EXAMPLE);
    }
}
