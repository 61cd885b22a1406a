package dev.baton.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds out, without running git, whether a folder lies inside a git repository. */
final class Repos {
    private Repos() {}

    static boolean isInsideGitRepository(Path dir) {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) return true;
        }
        return false;
    }
}
