package dev.baton.engine;

import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.TaskStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether the unfinished work can move on without a person: it cannot when every unfinished task is
 * queued and either held (no agent can take it now) or waiting on a task that cannot move on
 * (a plan's second step behind a held first). Stateless.
 */
final class HeldWork {
    private HeldWork() {}

    static boolean onlyHeldLeft(List<Task> unfinished, Map<TaskId, String> held) {
        if (held.isEmpty()) return false;
        Set<TaskId> stuck = new HashSet<>();
        for (Task t : unfinished) {
            if (t.status() != TaskStatus.QUEUED) return false;
            if (held.containsKey(t.id())) stuck.add(t.id());
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Task t : unfinished) {
                if (!stuck.contains(t.id()) && t.spec().dependsOn().stream().anyMatch(stuck::contains)) {
                    stuck.add(t.id());
                    grew = true;
                }
            }
        }
        return stuck.size() == unfinished.size();
    }
}
