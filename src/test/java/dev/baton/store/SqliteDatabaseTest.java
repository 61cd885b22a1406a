package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.TaskStatus;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One database object per home: the store and the ports beside it share it, and close with it. */
class SqliteDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void thePortsSeeWhatTheStoreWroteOnTheSameDatabase() {
        try (SqliteDatabase database = SqliteDatabase.open(dir.resolve("baton.db"))) {
            StoreFixtures.insert(database.store(), StoreFixtures.task("t-1"));

            assertThat(database.overview().taskCounts().get(TaskStatus.QUEUED)).isEqualTo(1);
            assertThat(database.store().file()).isEqualTo(database.file());
        }
    }

    @Test
    void closingTheStoreClosesTheDatabaseAndClosingAgainDoesNothing() {
        SqliteDatabase database = SqliteDatabase.open(dir.resolve("baton.db"));

        database.store().close();

        assertThatThrownBy(() -> database.rateLimits().activeAt(Instant.now()))
                .as("the ports' connections are closed with the store's");
        database.close();
    }
}
