package dev.baton.engine;

import dev.baton.core.Task;
import dev.baton.core.WorkspaceException;
import dev.baton.workspace.Workspaces;
import dev.baton.workspace.Worktree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a task's agent works: its git worktree when the task has a repository, otherwise a scratch
 * folder of its own under the Baton home. The same folder serves every attempt of the task.
 */
final class Workdirs {
    private final Workspaces workspaces;
    private final BatonHome home;

    Workdirs(Workspaces workspaces, BatonHome home) {
        this.workspaces = workspaces;
        this.home = home;
    }

    Workspaces workspaces() {
        return workspaces;
    }

    /** The worktree of a task with a repository (created on first use), or empty for a scratch task. */
    Optional<Worktree> worktree(Task task) {
        if (task.spec().repo() == null) {
            return Optional.empty();
        }
        return Optional.of(workspaces.prepare(
                Path.of(task.spec().repo()),
                task.spec().baseBranch(),
                task.id(),
                task.spec().title()));
    }

    Path scratch(Task task) {
        Path dir = home.scratch().resolve(task.id().value());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new WorkspaceException("cannot create scratch folder " + dir + ": " + e.getMessage(), true, e);
        }
        return dir;
    }
}
