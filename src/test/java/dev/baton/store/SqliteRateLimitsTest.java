package dev.baton.store;

import java.nio.file.Path;

class SqliteRateLimitsTest extends RateLimitsContract {
    @Override
    protected Database openDatabase(Path dir) {
        return SqliteDatabase.open(dir.resolve("baton.db"));
    }
}
