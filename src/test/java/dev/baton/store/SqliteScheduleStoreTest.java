package dev.baton.store;

import java.nio.file.Path;

class SqliteScheduleStoreTest extends ScheduleStoreContract {
    @Override
    protected Database openDatabase(Path dir) {
        return SqliteDatabase.open(dir.resolve("baton.db"));
    }
}
