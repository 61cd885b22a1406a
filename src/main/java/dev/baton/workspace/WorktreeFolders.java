package dev.baton.workspace;

import dev.baton.core.TaskId;
import dev.baton.core.WorkspaceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where task worktrees live: {@code <root>/<repo-folder>-<8 hex of sha-256 of the repo's real
 * path>/<task-id>}, never outside the root, whatever symlinks or odd names are in the way.
 * Immutable and thread-safe.
 */
final class WorktreeFolders {
    private final Path root;

    WorktreeFolders(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * The task's worktree folder for the repository (whose top-level folder is {@code repoRoot}, a
     * real path). Creates the root and the repository's folder, and checks that both, and the task
     * folder when it exists, resolve inside the root.
     */
    Path forTask(Path repoRoot, TaskId task) {
        Path realRoot = realRoot();
        String repoFolder = repoFolderName(repoRoot);
        Path repoDir = realRoot.resolve(repoFolder).normalize();
        Path taskDir = repoDir.resolve(task.value()).normalize();
        requireInside(realRoot, taskDir, taskDir);
        try {
            Files.createDirectories(repoDir);
            requireInside(realRoot, repoDir.toRealPath(), taskDir);
            if (Files.exists(taskDir, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.isSymbolicLink(taskDir)) {
                    throw escape(taskDir);
                }
                requireInside(realRoot, taskDir.toRealPath(), taskDir);
            }
        } catch (IOException e) {
            throw new WorkspaceException(
                    "could not create the worktree folder " + repoDir + ": " + e.getMessage(), false, e);
        }
        return taskDir;
    }

    /**
     * Checks that a worktree folder handed back to Baton (from a stored run, say) lies inside the
     * root, so no operation can be pointed at a folder Baton does not own.
     */
    void requireManaged(Path folder) {
        Path realRoot = realRoot();
        Path normalized = folder.toAbsolutePath().normalize();
        requireInside(realRoot, normalized, folder);
        if (Files.exists(normalized)) {
            try {
                requireInside(realRoot, normalized.toRealPath(), folder);
            } catch (IOException e) {
                throw new WorkspaceException(
                        "could not resolve the worktree folder " + folder + ": " + e.getMessage(), false, e);
            }
        }
    }

    private Path realRoot() {
        try {
            Files.createDirectories(root);
            return root.toRealPath();
        } catch (IOException e) {
            throw new WorkspaceException(
                    "could not create the worktree root " + root + ": " + e.getMessage()
                            + "; check that the folder is writable, or set BATON_HOME to one that is",
                    false,
                    e);
        }
    }

    static String repoFolderName(Path repoRoot) {
        Path name = repoRoot.getFileName();
        String base = name == null ? "repo" : name.toString();
        return base + "-"
                + HexFormat.of().formatHex(sha256(repoRoot.toString())).substring(0, 8);
    }

    private static void requireInside(Path realRoot, Path candidate, Path taskDir) {
        if (!candidate.startsWith(realRoot) || candidate.equals(realRoot)) {
            throw escape(taskDir);
        }
    }

    private static WorkspaceException escape(Path taskDir) {
        return new WorkspaceException(
                "the worktree folder " + taskDir + " leads outside the worktree root (a symbolic link or '..' in"
                        + " the way); remove it and try again",
                false);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
