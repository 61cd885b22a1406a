package dev.baton.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log back into the database file on a thread of its own, so that a
 * commit never waits for it.
 *
 * <p>In WAL mode with {@code synchronous=NORMAL} a commit appends pages to the log and does not
 * sync; the syncs happen at checkpoints. By default the transaction that pushes the log past 1,000
 * pages runs the checkpoint itself, so every so often one claim or completion pays for copying and
 * syncing the pages of the hundreds before it. Here the store's own connections check-point only
 * past {@link #WRITER_LIMIT_PAGES} (a bound on the log should this thread fall behind), and this
 * thread runs a passive checkpoint every {@code interval}: it copies what no reader still needs,
 * never blocks a writer or a reader, and does nothing when the log holds nothing new.
 *
 * <p>A checkpoint that copies anything syncs the log and the database file: two syncs, which on a
 * busy disk hold up every file creation behind them (the run folders of the next agents). So this
 * thread waits for {@link #MIN_COMMITS} commits of the store since the last one, or for {@link
 * #MAX_DELAY} after a smaller number: under load every {@code interval} as before, a few runs a
 * second check-point every second or two instead of ten times a second.
 */
final class WalCheckpointer implements AutoCloseable {
    /** The pages after which a writing connection check-points by itself (about 40 MB). */
    static final int WRITER_LIMIT_PAGES = 10_000;

    /** The store's commits that make a checkpoint due at the next interval (a few hundred pages). */
    static final long MIN_COMMITS = 100;

    /** How long fewer commits wait for their checkpoint. */
    static final Duration MAX_DELAY = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);

    private final DataSource dataSource;
    private final Duration interval;
    private final LongSupplier commits;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread thread;

    private WalCheckpointer(DataSource dataSource, Duration interval, LongSupplier commits, String name) {
        this.dataSource = dataSource;
        this.interval = interval;
        this.commits = commits;
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::loop);
    }

    /**
     * Starts check-pointing the database behind {@code dataSource}, looking every {@code interval}.
     *
     * @param commits how many write transactions the store has committed so far
     */
    static WalCheckpointer start(DataSource dataSource, Duration interval, LongSupplier commits, String name) {
        WalCheckpointer checkpointer = new WalCheckpointer(dataSource, interval, commits, name);
        checkpointer.thread.start();
        return checkpointer;
    }

    private void loop() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            long checkpointed = commits.getAsLong();
            long checkpointedAt = System.nanoTime();
            while (!closed.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                long committed = commits.getAsLong();
                long waited = System.nanoTime() - checkpointedAt;
                boolean due = committed - checkpointed >= MIN_COMMITS
                        || (committed > checkpointed && waited >= MAX_DELAY.toNanos());
                if (!due) continue;
                statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
                checkpointed = committed;
                checkpointedAt = System.nanoTime();
            }
        } catch (SQLException e) {
            // The writers' own limit keeps the log bounded without this thread.
            log.warn("background checkpoints stopped: {}", e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the thread and waits for a checkpoint in progress to end. */
    @Override
    public void close() {
        closed.countDown();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
