package dev.baton.store;

import static dev.baton.store.StoreFixtures.T0;
import static dev.baton.store.StoreFixtures.at;
import static dev.baton.store.StoreFixtures.event;
import static dev.baton.store.StoreFixtures.id;
import static dev.baton.store.StoreFixtures.insert;
import static dev.baton.store.StoreFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.Event;
import dev.baton.core.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SqliteStoreTest extends StoreContract {

    @Override
    protected Store openStore(Path dir) {
        return SqliteStore.open(dir.resolve("baton.db"));
    }

    @Test
    void createsTheFileAndItsFolders() {
        Path file = dir.resolve("home/.baton/state/baton.db");
        try (SqliteStore nested = SqliteStore.open(file)) {
            assertThat(nested.file()).isEqualTo(file.toAbsolutePath());
            assertThat(file).isRegularFile();
        }
    }

    @Test
    void putsTheDatabaseInWalModeWithTheSchema() throws SQLException {
        insert(store, StoreFixtures.task("t-1"));

        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("baton.db"));
                Statement statement = raw.createStatement()) {
            assertThat(single(statement, "PRAGMA journal_mode")).isEqualTo("wal");
            assertThat(single(statement, "SELECT status FROM tasks WHERE id = 't-1'"))
                    .isEqualTo("queued");
            assertThat(single(statement, "SELECT MAX(version) FROM flyway_schema_history"))
                    .isEqualTo("5"); // V3: usage ledger, rate limits, schedules; V4: decisions; V5: indexes
        }
    }

    @Test
    void aDatabaseFromBeforeV5KeepsItsEventsAndRunsAndEventIdsKeepIncreasing() throws Exception {
        Path file = dir.resolve("old/baton.db");
        org.sqlite.SQLiteDataSource old = new org.sqlite.SQLiteDataSource();
        old.setUrl("jdbc:sqlite:" + file);
        Files.createDirectories(file.getParent());
        org.flywaydb.core.Flyway.configure()
                .dataSource(old)
                .locations("classpath:db/migration/sqlite")
                .target("4")
                .load()
                .migrate();
        try (Connection raw = old.getConnection();
                Statement statement = raw.createStatement()) {
            statement.execute(
                    "INSERT INTO events (at, task_id, run_id, type, data) VALUES (1, 't-1', NULL, 'a', '{}')");
            statement.execute(
                    "INSERT INTO events (at, task_id, run_id, type, data) VALUES (2, 't-1', NULL, 'b', '{}')");
            statement.execute(
                    "INSERT INTO events (at, task_id, run_id, type, data) VALUES (3, 't-2', NULL, 'c', '{}')");
            statement.execute(
                    "INSERT INTO tasks (id, status, priority, attempts, created_at, updated_at, version, spec)"
                            + " VALUES ('t-1', 'running', 5, 1, 1, 1, 2, '{\"text\":\"old\"}')");
            statement.execute("INSERT INTO runs (id, task_id, attempt, agent, status, node_id, fence, pid, started_at,"
                    + " output_offset, result, version) VALUES ('t-1.1', 't-1', 1, 'codex', 'running', 'n', 1, 42, 1,"
                    + " 0, '{}', 3)");
        }

        try (SqliteStore migrated = SqliteStore.open(file)) {
            migrated.apply(Changes.builder().event(event("t-1", "d", Map.of())).build());

            assertThat(migrated.eventsAfter(0, 10))
                    .extracting(e -> e.id() + ":" + e.type())
                    .containsExactly("1:a", "2:b", "3:c", "4:d");
            assertThat(migrated.eventsOf(id("t-1"), 0, 10))
                    .extracting(Event::type)
                    .containsExactly("a", "b", "d");
            assertThat(migrated.runsOf(id("t-1"))).singleElement().satisfies(run -> {
                assertThat(run.agent()).isEqualTo("codex");
                assertThat(run.pid()).isEqualTo(42L);
                assertThat(run.version()).isEqualTo(3L);
            });
            assertThat(migrated.activeRunsByAgent()).isEqualTo(Map.of("codex", 1));
        }
    }

    @Test
    @Timeout(60)
    void theLogIsCopiedIntoTheDatabaseFileWithoutAWriterDoingIt() throws Exception {
        Path file = dir.resolve("baton.db");
        long before = Files.size(file);
        String bulk = "x".repeat(3_000);
        for (int i = 0; i < 200; i++) { // about 200 pages: far below any writer's checkpoint limit
            store.apply(Changes.builder()
                    .event(event(null, "bulk", Map.of("text", bulk)))
                    .build());
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Files.size(file) < before + 200 * 3_000L) {
            assertThat(System.nanoTime())
                    .as("the database file still holds %d bytes", Files.size(file))
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    @Timeout(60)
    void aFewCommitsAreCopiedIntoTheDatabaseFileToo() throws Exception {
        Path file = dir.resolve("baton.db");
        var before = Files.getLastModifiedTime(file); // commits write the log; only checkpoints this file
        for (int i = 0; i < 5; i++) { // fewer than make a checkpoint due at once: it comes a little later
            store.apply(Changes.builder()
                    .event(event(null, "small", Map.of("i", i)))
                    .build());
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Files.getLastModifiedTime(file).equals(before)) {
            assertThat(System.nanoTime())
                    .as("the database file was not written since %s", before)
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void enforcesForeignKeys() {
        assertThatThrownBy(() -> insert(store, run(id("no-such-task"), 1, "claude", "node-a", at(30))))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(dir.resolve("baton.db").toString())
                .hasMessageContaining("FOREIGN KEY");
    }

    @Test
    void saysWhichFileItCouldNotOpen() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");

        assertThatThrownBy(() -> SqliteStore.open(notAFolder.resolve("baton.db")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(notAFolder.toString());
    }

    @Test
    @Timeout(60)
    void aWriteWaitsForAnotherWriterInsteadOfFailing() throws Exception {
        long held = 1_000;
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("baton.db"));
                Statement statement = other.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            long start = System.nanoTime();
            Thread release = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(held);
                    statement.execute("COMMIT");
                } catch (InterruptedException | SQLException e) {
                    throw new IllegalStateException(e);
                }
            });

            insert(store, StoreFixtures.task("t-1"));

            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(held - 50);
            release.join();
        }
        assertThat(store.findTask(id("t-1"))).isPresent();
    }

    @Test
    @Timeout(120)
    void manyThreadsMayOpenANewFileAtOnce() throws Exception {
        Path file = dir.resolve("fresh/baton.db");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<SqliteStore>> opening = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                opening.add(pool.submit(() -> SqliteStore.open(file)));
            }
            for (Future<SqliteStore> future : opening) {
                try (SqliteStore opened = future.get(60, TimeUnit.SECONDS)) {
                    assertThat(opened.eventsAfter(0, 1)).isEmpty();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(180)
    void anotherProcessMayWriteTheSameFileAtTheSameTime() throws Exception {
        Path file = dir.resolve("shared/baton.db");
        Path childLog = dir.resolve("child.log");
        int eventsEach = 300;
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        SqliteWriterProcess.class.getName(),
                        file.toString(),
                        Integer.toString(eventsEach))
                .redirectErrorStream(true)
                .redirectOutput(childLog.toFile())
                .start();
        try (SqliteStore parent = SqliteStore.open(file)) {
            awaitEvent(parent, SqliteWriterProcess.READY, child);
            for (int i = 0; i < eventsEach; i++) {
                parent.apply(Changes.builder()
                        .event(event(null, "parent.wrote", Map.of("i", i)))
                        .build());
            }
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(Files.readString(childLog)).isZero();

            List<Event> all = parent.eventsAfter(0, 10_000);
            assertThat(all).extracting(Event::id).isSorted().doesNotHaveDuplicates();
            assertThat(all).filteredOn(e -> e.type().equals("parent.wrote")).hasSize(eventsEach);
            assertThat(all).filteredOn(e -> e.type().equals("child.wrote")).hasSize(eventsEach);
        } finally {
            child.destroyForcibly();
        }
    }

    private static void awaitEvent(Store store, String type, Process writer) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (store.eventsAfter(0, 10_000).stream().noneMatch(e -> e.type().equals(type))) {
            assertThat(writer.isAlive() || writer.exitValue() == 0)
                    .as("the writer process failed")
                    .isTrue();
            assertThat(System.nanoTime()).as("waiting for " + type).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        }
    }

    /** The second process of {@link #anotherProcessMayWriteTheSameFileAtTheSameTime}. */
    static final class SqliteWriterProcess {
        static final String READY = "child.ready";

        public static void main(String[] args) {
            int count = Integer.parseInt(args[1]);
            try (SqliteStore store = SqliteStore.open(Path.of(args[0]))) {
                store.apply(
                        Changes.builder().event(event(null, READY, Map.of())).build());
                for (int i = 0; i < count; i++) {
                    store.apply(Changes.builder()
                            .event(dev.baton.core.Event.of(T0, null, null, "child.wrote", Map.of("i", i)))
                            .build());
                }
            }
        }
    }
}
