package dev.baton.workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of {@code git worktree list --porcelain -z}.
 *
 * @param path the worktree folder as git recorded it
 * @param branchRef the checked-out ref ({@code refs/heads/...}), or null when detached or bare
 */
record RegisteredWorktree(Path path, String branchRef) {

    /** Parses the NUL-separated porcelain output: attribute fields, each record ended by an empty field. */
    static List<RegisteredWorktree> parse(String porcelainZ) {
        List<RegisteredWorktree> entries = new ArrayList<>();
        Path path = null;
        String branchRef = null;
        for (String field : porcelainZ.split("\0", -1)) {
            if (field.startsWith("worktree ")) {
                path = Path.of(field.substring("worktree ".length())).normalize();
                branchRef = null;
            } else if (field.startsWith("branch ")) {
                branchRef = field.substring("branch ".length());
            } else if (field.isEmpty() && path != null) {
                entries.add(new RegisteredWorktree(path, branchRef));
                path = null;
            }
        }
        if (path != null) {
            entries.add(new RegisteredWorktree(path, branchRef));
        }
        return entries;
    }
}
