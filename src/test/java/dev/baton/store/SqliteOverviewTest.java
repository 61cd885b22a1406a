package dev.baton.store;

import java.nio.file.Path;

class SqliteOverviewTest extends OverviewContract {
    @Override
    protected Database openDatabase(Path dir) {
        return SqliteDatabase.open(dir.resolve("baton.db"));
    }
}
