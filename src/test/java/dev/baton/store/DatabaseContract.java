package dev.baton.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ground of the port contracts beside the {@link Store} ({@link UsageLedgerContract}, {@link
 * RateLimitsContract}, ...): an adapter's test extends a contract and says how to open its {@link
 * Database}, and the contract checks the port on it.
 */
public abstract class DatabaseContract {
    @TempDir
    protected Path dir;

    /** The database under test, open for the test's length. */
    protected Database database;

    private final List<Database> opened = new ArrayList<>();

    /**
     * Opens the adapter's database that belongs to {@code dir}. Called again with the same folder, it
     * must open a second instance on the same database, as another process would.
     */
    protected abstract Database openDatabase(Path dir);

    /** Another instance on the same database (another process, as far as caches go), closed after the test. */
    protected Database openAnother() {
        Database another = openDatabase(dir);
        opened.add(another);
        return another;
    }

    @BeforeEach
    void openTheDatabase() {
        database = openAnother();
    }

    @AfterEach
    void closeDatabases() {
        opened.forEach(Database::close);
    }
}
