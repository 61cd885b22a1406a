package dev.baton.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Where the SQLite driver finds its native library: a cache folder of Baton's own,
 * {@code $XDG_CACHE_HOME/baton/sqlite-native} (else {@code ~/.cache/baton/sqlite-native}), instead of
 * the shared temp folder.
 *
 * <p>Why: by default every JVM copies the library into {@code java.io.tmpdir} under a new name and, as
 * it starts, deletes the copies it takes for stale (those whose {@code .lck} file is gone, as a JVM
 * that is exiting or was killed leaves them). Two Baton processes starting at once delete the same
 * file, and the loser prints "Failed to delete old native lib" with a stack trace. Here the library is
 * copied once per driver version to {@code sqlite-native/VERSION/}, by an atomic rename so no process
 * ever sees half a file, and loaded from there ({@code org.sqlite.lib.path}); {@code org.sqlite.tmpdir}
 * names the same folder, where nothing is named like the driver's own copies, so its clean-up finds
 * nothing to delete. Should the copy fail, the driver falls back to its own copy, in that folder.
 *
 * <p>A user's own {@code -Dorg.sqlite.tmpdir} or {@code -Dorg.sqlite.lib.path} is left as it is.
 * Thread-safe: the work happens once per JVM, in the class initializer, before the driver loads.
 */
final class SqliteNativeLibrary {
    static final String TMPDIR_PROPERTY = "org.sqlite.tmpdir";
    static final String LIB_PATH_PROPERTY = "org.sqlite.lib.path";
    static final String LIB_NAME_PROPERTY = "org.sqlite.lib.name";

    static {
        if (System.getProperty(TMPDIR_PROPERTY) == null && System.getProperty(LIB_PATH_PROPERTY) == null) {
            place(cacheFolder());
        }
    }

    private SqliteNativeLibrary() {}

    /**
     * Called by the store's classes before they open a connection; the first call initializes this
     * class, which places the library, and later calls do nothing.
     */
    static void placeOnce() {}

    /** {@code $XDG_CACHE_HOME/baton/sqlite-native}, else {@code ~/.cache/baton/sqlite-native}. */
    static Path cacheFolder() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("baton").resolve("sqlite-native");
    }

    private static void place(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException | SecurityException e) {
            return; // no folder of our own: the driver uses the temp folder, as it would anyway
        }
        System.setProperty(TMPDIR_PROPERTY, folder.toString());
        String name = LibraryLoaderUtil.getNativeLibName();
        Path versionFolder = folder.resolve(SQLiteJDBCLoader.getVersion());
        try {
            if (!Files.exists(versionFolder.resolve(name)) && !copy(versionFolder, name)) return;
        } catch (IOException | SecurityException e) {
            return; // the driver copies the library into the folder itself
        }
        System.setProperty(LIB_PATH_PROPERTY, versionFolder.toString());
        System.setProperty(LIB_NAME_PROPERTY, name);
    }

    /** Copies the library out of the driver's jar; false when the jar has none for this system. */
    private static boolean copy(Path versionFolder, String name) throws IOException {
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
        try (InputStream library = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (library == null) return false;
            Files.createDirectories(versionFolder);
            Path part = Files.createTempFile(versionFolder, name, ".part");
            try {
                Files.copy(library, part, StandardCopyOption.REPLACE_EXISTING);
                // Two processes may both copy: each renames a whole file of the same bytes into place.
                Files.move(part, versionFolder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(part);
            }
        }
        return true;
    }
}
