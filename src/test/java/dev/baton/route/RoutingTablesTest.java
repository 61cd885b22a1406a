package dev.baton.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.LedgerEntry;
import dev.baton.store.SqliteDatabase;
import dev.baton.store.UsageLedger;
import dev.baton.testing.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher reads rate limits and today's usage on every pass; the tables answer from what they
 * read at most a second ago. This process's own writes count at once, another process's within
 * about a second.
 */
class RoutingTablesTest {
    @TempDir
    Path dir;

    @Test
    void aRateLimitCountsAtOnceHereAndWithinASecondInAnotherProcessAndEndsOnTime() {
        Path file = dir.resolve("baton.db");
        try (SqliteDatabase hereDb = SqliteDatabase.open(file);
                SqliteDatabase elsewhereDb = SqliteDatabase.open(file)) {
            RoutingTables here = RoutingTables.on(hereDb);
            RoutingTables elsewhere = RoutingTables.on(elsewhereDb);
            Instant now = Instant.now();
            assertThat(here.rateLimits().activeAt(now)).isEmpty(); // read, and now trusted for a second

            here.rateLimits().limit("alpha", now.plusSeconds(60), "429", now);
            elsewhere.rateLimits().limit("beta", now.plusSeconds(60), "429", now);

            assertThat(here.rateLimits().activeAt(now)).containsKey("alpha");
            Eventually.await("the other process's limit", Duration.ofSeconds(5), () -> here.rateLimits()
                    .activeAt(Instant.now())
                    .containsKey("beta"));
            assertThat(here.rateLimits().activeAt(now.plusSeconds(61)))
                    .as("a limit whose time has passed, without a read")
                    .isEmpty();
        }
    }

    @Test
    void todaysUsageCountsThisProcesssRunsAtOnceAndAnotherProcesssWithinASecond() {
        Path file = dir.resolve("baton.db");
        try (SqliteDatabase hereDb = SqliteDatabase.open(file);
                SqliteDatabase elsewhereDb = SqliteDatabase.open(file)) {
            RoutingTables here = RoutingTables.on(hereDb);
            RoutingTables elsewhere = RoutingTables.on(elsewhereDb);
            Instant now = Instant.now();
            String today = UsageLedger.day(now);
            assertThat(here.ledger().recentByAgentOn(today)).isEmpty();

            here.ledger().record(entry("r-1", "alpha", now, 3));
            elsewhere.ledger().record(entry("r-2", "alpha", now, 4));

            assertThat(here.ledger().recentByAgentOn(today).get("alpha").messages())
                    .isIn(3L, 7L); // 7 only if a second passed since the read
            Eventually.await(
                    "the other process's run",
                    Duration.ofSeconds(5),
                    () -> here.ledger().recentByAgentOn(today).get("alpha").messages() == 7);
            assertThat(here.ledger().recentByAgentOn(today).get("alpha").runs()).isEqualTo(2);
        }
    }

    private static LedgerEntry entry(String run, String agent, Instant at, long messages) {
        return new LedgerEntry(
                run, "t-" + run, agent, "", "feature", at, "succeeded", null, null, 1000, 10, 20, 0, messages, 0.01);
    }
}
