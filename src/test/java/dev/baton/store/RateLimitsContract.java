package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.Eventually;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link RateLimits} adapter must do. */
public abstract class RateLimitsContract extends DatabaseContract {
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    private RateLimits limits() {
        return database.rateLimits();
    }

    @Test
    void aLimitIsInForceUntilItsEndAndNotAfter() {
        assertThat(limits().activeAt(NOW)).isEmpty();

        limits().limit("alpha", NOW.plusSeconds(60), "429 too many requests", NOW);

        assertThat(limits().activeAt(NOW))
                .containsExactlyEntriesOf(java.util.Map.of(
                        "alpha", new RateLimits.Limit("alpha", NOW.plusSeconds(60), "429 too many requests")));
        assertThat(limits().activeAt(NOW.plusSeconds(59))).containsOnlyKeys("alpha");
        assertThat(limits().activeAt(NOW.plusSeconds(60))).as("ended").isEmpty();
    }

    @Test
    void aLaterLimitReplacesTheAgentsEarlierOneAndLeavesOthersAlone() {
        limits().limit("alpha", NOW.plusSeconds(600), "first", NOW);
        limits().limit("beta", NOW.plusSeconds(600), "beta's", NOW);

        limits().limit("alpha", NOW.plusSeconds(30), "second", NOW.plusSeconds(1));

        assertThat(limits().activeAt(NOW).get("alpha"))
                .isEqualTo(new RateLimits.Limit("alpha", NOW.plusSeconds(30), "second"));
        assertThat(limits().activeAt(NOW.plusSeconds(31))).containsOnlyKeys("beta");
    }

    @Test
    void aLimitOutlivesTheInstanceThatSetIt() {
        Database before = openAnother();
        before.rateLimits().limit("alpha", NOW.plusSeconds(60), "429", NOW);
        before.close();

        assertThat(openAnother().rateLimits().activeAt(NOW)).containsOnlyKeys("alpha");
    }

    @Test
    void anotherInstancesLimitIsInForceHereWithinASecond() {
        RateLimits elsewhere = openAnother().rateLimits();
        assertThat(limits().activeAt(NOW)).isEmpty(); // read, and now trusted for a while

        elsewhere.limit("beta", NOW.plusSeconds(60), "429", NOW);

        Eventually.await("the other instance's limit", Duration.ofSeconds(10), () -> limits().activeAt(NOW)
                .containsKey("beta"));
    }
}
