package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.Eventually;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link UsageLedger} adapter must do. */
public abstract class UsageLedgerContract extends DatabaseContract {
    private static final Instant DAY_ONE = Instant.parse("2025-03-01T23:30:00Z");
    private static final Instant DAY_TWO = Instant.parse("2025-03-02T00:30:00Z");

    private UsageLedger ledger() {
        return database.usage();
    }

    @Test
    void aDayIsTheUtcDateTheRunFinishedOn() {
        assertThat(UsageLedger.day(DAY_ONE)).isEqualTo("2025-03-01");
        assertThat(UsageLedger.day(DAY_TWO)).isEqualTo("2025-03-02");
    }

    @Test
    void sumsRunsPerAgentPerProjectAndPerDay() {
        ledger().record(entry("r-1", "alpha", "/repo/a", "bug", DAY_ONE, "succeeded", null));
        ledger().record(entry("r-2", "alpha", "/repo/b", "bug", DAY_ONE, "failed", "crashed"));
        ledger().record(entry("r-3", "beta", "/repo/a", "bug", DAY_ONE, "succeeded", null));
        ledger().record(entry("r-4", "beta", "", "bug", DAY_TWO, "succeeded", null));

        assertThat(ledger().byAgentOn("2025-03-01"))
                .containsOnlyKeys("alpha", "beta")
                .containsEntry("alpha", new UsageTotals(2, 2, 20, 40, 2, 0.5))
                .containsEntry("beta", new UsageTotals(1, 1, 10, 20, 1, 0.25));
        assertThat(ledger().byProjectOn("2025-03-01"))
                .containsOnlyKeys("/repo/a", "/repo/b")
                .containsEntry("/repo/a", new UsageTotals(2, 2, 20, 40, 2, 0.5));
        assertThat(ledger().byProjectOn("2025-03-02")).containsOnlyKeys("");
        assertThat(ledger().daily("2025-03-01"))
                .extracting(row ->
                        row.day() + " " + row.agent() + " " + row.totals().runs())
                .containsExactly("2025-03-01 alpha 2", "2025-03-01 beta 1", "2025-03-02 beta 1");
        assertThat(ledger().daily("2025-03-02"))
                .extracting(UsageLedger.DayRow::agent)
                .containsExactly("beta");
        assertThat(ledger().byAgentOn("2025-03-03")).isEmpty();
    }

    @Test
    void bookingTheSameRunTwiceKeepsTheFirstRow() {
        ledger().record(entry("r-1", "alpha", "", "bug", DAY_ONE, "succeeded", null));
        ledger().record(entry("r-1", "beta", "", "bug", DAY_ONE, "failed", "crashed"));

        assertThat(ledger().byAgentOn("2025-03-01")).containsOnlyKeys("alpha");
        assertThat(ledger().performance()).containsExactly(new UsageLedger.TypeRow("bug", "alpha", 1, 0, 1000, 0.25));
    }

    @Test
    void performanceCountsWhatSaysSomethingOfTheAgentsWork() {
        ledger().record(entry("r-1", "alpha", "", "bug", DAY_ONE, "succeeded", null));
        ledger().record(entry("r-2", "alpha", "", "bug", DAY_ONE, "failed", "crashed"));
        ledger().record(entry("r-3", "alpha", "", "feature", DAY_ONE, "succeeded", null));
        for (String reason : UsageLedger.SAYS_NOTHING_OF_SKILL) {
            ledger().record(entry("r-" + reason, "alpha", "", "bug", DAY_ONE, "failed", reason));
        }
        ledger().record(entry("r-4", "beta", "", "bug", DAY_ONE, "cancelled", "cancelled"));

        assertThat(ledger().performance())
                .containsExactlyInAnyOrder(
                        new UsageLedger.TypeRow("bug", "alpha", 1, 1, 2000, 0.5),
                        new UsageLedger.TypeRow("feature", "alpha", 1, 0, 1000, 0.25));
    }

    @Test
    void thisInstancesRunsCountAtOnceInWhatWasReadBefore() {
        String today = UsageLedger.day(DAY_ONE);
        assertThat(ledger().performance()).isEmpty();
        assertThat(ledger().recentByAgentOn(today)).isEmpty();

        ledger().record(entry("r-1", "alpha", "", "bug", DAY_ONE, "succeeded", null));
        ledger().record(entry("r-2", "alpha", "", "bug", DAY_ONE, "failed", "rate_limited"));

        assertThat(ledger().performance()).containsExactly(new UsageLedger.TypeRow("bug", "alpha", 1, 0, 1000, 0.25));
        assertThat(ledger().recentByAgentOn(today).get("alpha").runs()).isEqualTo(2);
    }

    @Test
    void anotherInstancesRunsCountInTodaysUsageWithinASecond() {
        UsageLedger elsewhere = openAnother().usage();
        String today = UsageLedger.day(DAY_ONE);
        assertThat(ledger().recentByAgentOn(today)).isEmpty(); // read, and now trusted for a while

        elsewhere.record(entry("r-1", "alpha", "", "bug", DAY_ONE, "succeeded", null));

        assertThat(ledger().byAgentOn(today)).as("read fresh").containsKey("alpha");
        Eventually.await("the other instance's run", Duration.ofSeconds(10), () -> ledger().recentByAgentOn(today)
                .containsKey("alpha"));
        Eventually.await(
                "the other instance's run in the history", Duration.ofSeconds(20), () -> !ledger().performance()
                        .isEmpty());
    }

    @Test
    void theLastErrorIsTheAgentsNewestFailure() {
        assertThat(ledger().lastError("alpha")).isEmpty();
        ledger().record(entry("r-1", "alpha", "", "bug", DAY_ONE, "failed", "crashed"));
        ledger().record(entry("r-2", "alpha", "", "bug", DAY_TWO, "failed", "timeout"));
        ledger().record(entry("r-3", "alpha", "", "bug", DAY_TWO.plusSeconds(60), "succeeded", null));
        ledger().record(entry("r-4", "beta", "", "bug", DAY_TWO.plusSeconds(120), "failed", "crashed"));

        assertThat(ledger().lastError("alpha")).contains("timeout: it went wrong");
        assertThat(ledger().lastError("gamma")).isEmpty();
    }

    /** A run of 1 s, 1 message, 10 + 20 tokens (1 cached), $0.25. */
    private static LedgerEntry entry(
            String run, String agent, String project, String type, Instant at, String status, String reason) {
        return new LedgerEntry(
                run,
                "t-" + run,
                agent,
                project,
                type,
                at,
                status,
                reason,
                reason == null ? null : "it went wrong",
                1000,
                10,
                20,
                1,
                1,
                0.25);
    }
}
