package dev.baton.secret;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Folders and files only their owner can read: Baton's home ({@code 0700}), the run folders that
 * hold agents' raw output ({@code 0700}), the output files and the database ({@code 0600}). Agent
 * output is kept raw on disk (it is redacted when read), so who may read the disk matters. On a
 * file system without POSIX permissions the folders and files are made as usual. Stateless.
 */
public final class PrivateFiles {
    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {}

    /**
     * Creates the folder and its missing parents, each new one {@code 0700}; the folder itself is
     * made {@code 0700} when it already existed too (a home made world-readable by an older Baton).
     */
    public static Path folder(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (!Files.isDirectory(absolute)) {
            Path parent = absolute.getParent();
            if (parent != null && !Files.isDirectory(parent)) folder(parent);
            try {
                Files.createDirectory(absolute);
            } catch (FileAlreadyExistsException raced) {
                // made meanwhile by another thread or process: fine, it is narrowed below
            }
        }
        restrict(absolute, FOLDER);
        return absolute;
    }

    /** Creates the file empty when it is missing, and makes it {@code 0600}. */
    public static Path file(Path file) throws IOException {
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException exists) {
            // kept as it is; only its permissions are narrowed
        }
        restrict(file, FILE);
        return file;
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (!Files.getFileStore(path).supportsFileAttributeView("posix")) return;
        if (Files.getPosixFilePermissions(path).equals(permissions)) return;
        Files.setPosixFilePermissions(path, permissions);
    }
}
