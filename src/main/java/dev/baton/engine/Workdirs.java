package dev.baton.engine;

import dev.baton.core.BatonHome;
import dev.baton.core.Task;
import dev.baton.core.WorkspaceException;
import dev.baton.store.Store;
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
    private final Store store;

    Workdirs(Workspaces workspaces, BatonHome home, Store store) {
        this.workspaces = workspaces;
        this.home = home;
        this.store = store;
    }

    /** The task whose worktree a task works in: itself, or for a follow-up the task it continues. */
    Task owner(Task task) {
        Task owner = task;
        for (int depth = 0; owner.spec().followUpOf() != null && depth < 100; depth++) {
            Task parent = store.findTask(owner.spec().followUpOf()).orElse(null);
            if (parent == null) break;
            owner = parent;
        }
        return owner;
    }

    Workspaces workspaces() {
        return workspaces;
    }

    /** The worktree of a task with a repository (created on first use), or empty for a scratch task. */
    Optional<Worktree> worktree(Task task) {
        if (task.spec().repo() == null) {
            return Optional.empty();
        }
        Task owner = owner(task);
        return Optional.of(workspaces.prepare(
                Path.of(owner.spec().repo()),
                owner.spec().baseBranch(),
                owner.id(),
                owner.spec().title()));
    }

    Path scratch(Task task) {
        Path dir = home.scratch().resolve(owner(task).id().value());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new WorkspaceException("cannot create scratch folder " + dir + ": " + e.getMessage(), true, e);
        }
        return dir;
    }
}
