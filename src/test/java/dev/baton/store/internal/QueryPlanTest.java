package dev.baton.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.SqliteStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher's and the supervisor's frequent queries read the narrow (partial) indexes of V5
 * instead of scanning the tables, which grow with every task and run ever made.
 */
class QueryPlanTest {
    @TempDir
    static Path dir;

    private static Path file;

    @BeforeAll
    static void migrate() {
        file = dir.resolve("baton.db");
        SqliteStore.open(file).close();
    }

    @Test
    void dispatchableTasksComeFromTheQueuedIndex() throws SQLException {
        assertThat(plan(TaskRows.DISPATCHABLE)).anyMatch(step -> step.contains("USING INDEX tasks_queued"));
    }

    @Test
    void dueRetriesComeFromTheRetryingIndex() throws SQLException {
        assertThat(plan(TaskRows.DUE_RETRIES)).anyMatch(step -> step.contains("USING INDEX tasks_retrying"));
    }

    @Test
    void blockedTasksComeFromTheQueuedAndWaitingIndexes() throws SQLException {
        assertThat(plan(TaskRows.BLOCKED))
                .anyMatch(step -> step.contains("tasks_queued"))
                .anyMatch(step -> step.contains("tasks_waiting_approval"));
    }

    @Test
    void activeRunsComeFromTheActiveIndex() throws SQLException {
        assertThat(plan(RunRows.ACTIVE_BY_AGENT)).anyMatch(step -> step.contains("runs_active"));
        assertThat(plan(RunRows.ACTIVE_RUNS)).anyMatch(step -> step.contains("runs_active"));
        assertThat(plan(RunRows.RENEW_LEASES.replace(":until", "?").replace(":nodeId", "?")))
                .anyMatch(step -> step.contains("runs_active"));
    }

    @Test
    void aTasksRunsAreARangeOfThePrimaryKey() throws SQLException {
        assertThat(plan(RunRows.OF_TASK))
                .anyMatch(step -> step.contains("SEARCH runs USING PRIMARY KEY (id>? AND id<?)"));
    }

    private static List<String> plan(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
            List<String> steps = new ArrayList<>();
            while (rows.next()) steps.add(rows.getString("detail"));
            assertThat(steps).as(sql).noneMatch(step -> step.startsWith("SCAN t") && !step.contains("INDEX"));
            return steps;
        }
    }
}
