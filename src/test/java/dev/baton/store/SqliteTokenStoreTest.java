package dev.baton.store;

import java.nio.file.Path;

class SqliteTokenStoreTest extends TokenStoreContract {
    @Override
    protected Database openDatabase(Path dir) {
        return SqliteDatabase.open(dir.resolve("baton.db"));
    }
}
