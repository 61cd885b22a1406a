package dev.baton.integrate;

import dev.baton.core.Autonomy;
import dev.baton.core.BatonException;
import dev.baton.core.Decision;
import dev.baton.core.DecisionKind;
import dev.baton.core.DecisionStatus;
import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.Task;
import dev.baton.core.TaskStatus;
import dev.baton.gate.DecisionService;
import dev.baton.gate.ProjectConfig;
import dev.baton.session.ExecResult;
import dev.baton.session.ProcessLauncher;
import dev.baton.store.Changes;
import dev.baton.store.Recorder;
import dev.baton.store.TaskQuery;
import dev.baton.workspace.GitMerges;
import dev.baton.workspace.MergeCandidate;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The merge queue of a project: merges the branches of its completed tasks into their base branch,
 * one at a time, oldest completion first. Each merge is made in a scratch worktree and verified
 * there (the task's and the project's verify commands) before the base branch moves; a conflict or a
 * red verify becomes a {@code conflict} decision and leaves the base branch as it was. Below full
 * autonomy a branch merges only after its {@code merge} decision was approved. Thread-safe; one
 * merge pass per repository at a time.
 */
public final class MergeQueue {
    private static final Map<Path, ReentrantLock> PASSES = new ConcurrentHashMap<>();
    private static final int OUTPUT_CHARS = 4000;

    private final Recorder recorder;
    private final DecisionService decisions;
    private final GitMerges git;
    private final ProcessLauncher launcher;
    private final Clock clock;

    public MergeQueue(
            Recorder recorder, DecisionService decisions, GitMerges git, ProcessLauncher launcher, Clock clock) {
        this.recorder = recorder;
        this.decisions = decisions;
        this.git = git;
        this.launcher = launcher;
        this.clock = clock;
    }

    /** What happened to one branch in a pass. */
    public record Step(String task, String branch, String outcome, String detail) {}

    /** One pass over the repository's completed, unmerged branches. */
    public List<Step> merge(Path repo) {
        Path root = repo.toAbsolutePath().normalize();
        ReentrantLock lock = PASSES.computeIfAbsent(root, key -> new ReentrantLock());
        lock.lock();
        try {
            ProjectConfig project = dev.baton.gate.ProjectConfigReader.read(root);
            List<Step> steps = new ArrayList<>();
            for (Task task : latestPerBranch(root)) {
                steps.add(mergeOne(task, project));
            }
            return steps;
        } finally {
            lock.unlock();
        }
    }

    /** The newest completed task of every branch of this repository, oldest completion first. */
    private List<Task> latestPerBranch(Path root) {
        Map<String, Task> byBranch = new LinkedHashMap<>();
        recorder.store().listTasks(new TaskQuery(Set.of(TaskStatus.COMPLETED), 100_000)).stream()
                .filter(t -> t.branch() != null && t.spec().repo() != null)
                .filter(t ->
                        Path.of(t.spec().repo()).toAbsolutePath().normalize().equals(root))
                .sorted(Comparator.comparing(Task::updatedAt).thenComparing(t -> t.id().value()))
                .forEach(t -> byBranch.put(t.branch(), t));
        List<Task> tasks = new ArrayList<>(byBranch.values());
        tasks.sort(Comparator.comparing(Task::updatedAt).thenComparing(t -> t.id().value()));
        return tasks;
    }

    private Step mergeOne(Task task, ProjectConfig project) {
        String base = task.spec().baseBranch();
        Path repo = Path.of(task.spec().repo());
        if (git.isMerged(repo, base, task.branch())) {
            return step(task, "already merged", null);
        }
        List<Decision> asked = recorder.store().decisionsOf(task.id());
        Decision conflict = latest(asked, DecisionKind.CONFLICT);
        if (conflict != null && conflict.status() != DecisionStatus.APPROVED) {
            return step(
                    task,
                    "conflict " + conflict.status().wireName(),
                    conflict.id().value());
        }
        if (project.autonomy() != Autonomy.FULL) {
            Decision merge = latest(asked, DecisionKind.MERGE);
            if (merge == null) {
                Decision question = decisions.ask(
                        task,
                        DecisionKind.MERGE,
                        "Merge " + task.branch() + " into " + base + "? ("
                                + task.spec().title() + ")",
                        Map.of("branch", task.branch(), "base", base),
                        project.decisionTimeout());
                return step(task, "waiting for approval", question.id().value());
            }
            if (merge.status() != DecisionStatus.APPROVED) {
                return step(
                        task, "merge " + merge.status().wireName(), merge.id().value());
            }
        }
        MergeCandidate candidate = git.merge(
                repo,
                base,
                task.branch(),
                "Merge " + task.branch() + " into " + base + "\n\nBaton task " + task.id() + ": "
                        + task.spec().title());
        return switch (candidate.outcome()) {
            case ALREADY_MERGED -> step(task, "already merged", null);
            case CONFLICT ->
                conflict(
                        task,
                        project,
                        "merging " + task.branch() + " into " + base + " conflicts in " + candidate.conflicts(),
                        Map.of("files", candidate.conflicts(), "output", tail(candidate.detail())));
            case MERGED -> verifyAndPublish(task, project, candidate);
        };
    }

    private Step verifyAndPublish(Task task, ProjectConfig project, MergeCandidate candidate) {
        for (String command : RunVerifier.commandsFor(task, project)) {
            ExecResult result =
                    launcher.exec(List.of("sh", "-c", command), candidate.folder(), Map.of(), project.verifyTimeout());
            if (!result.ok()) {
                git.discard(candidate);
                return conflict(
                        task,
                        project,
                        "the merge of " + task.branch() + " into " + candidate.baseBranch() + " fails verify: '"
                                + command + "' exited with " + result.exitCode(),
                        Map.of("command", command, "output", tail((result.stdout() + result.stderr()).strip())));
            }
        }
        try {
            git.publish(candidate);
        } catch (BatonException e) {
            recordEvent(task, EventTypes.MERGE_FAILED, Map.of("branch", task.branch(), "detail", e.getMessage()));
            return step(task, "not merged", e.getMessage());
        }
        recordEvent(
                task,
                EventTypes.MERGE_DONE,
                Map.of("branch", task.branch(), "base", candidate.baseBranch(), "commit", candidate.mergeCommit()));
        return step(task, "merged", candidate.mergeCommit());
    }

    private Step conflict(Task task, ProjectConfig project, String what, Map<String, Object> details) {
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.put("branch", task.branch());
        all.put("base", task.spec().baseBranch());
        Decision decision = decisions.ask(
                task,
                DecisionKind.CONFLICT,
                capitalize(what) + ". The base branch was left as it was. Approve to ask the agent to resolve it.",
                all,
                project.decisionTimeout());
        recordEvent(
                task,
                EventTypes.MERGE_FAILED,
                Map.of(
                        "branch",
                        task.branch(),
                        "detail",
                        what,
                        "decision",
                        decision.id().value()));
        return step(task, "conflict", decision.id() + ": " + what);
    }

    private void recordEvent(Task task, String type, Map<String, Object> data) {
        recorder.apply(Changes.builder()
                .event(Event.of(clock.instant(), task.id(), null, type, data))
                .build());
    }

    private static Decision latest(List<Decision> decisions, DecisionKind kind) {
        Decision found = null;
        for (Decision d : decisions) if (d.kind() == kind) found = d;
        return found;
    }

    private static Step step(Task task, String outcome, String detail) {
        return new Step(task.id().value(), task.branch(), outcome, detail);
    }

    private static String tail(String text) {
        if (text == null) return "";
        return text.length() <= OUTPUT_CHARS ? text : "..." + text.substring(text.length() - OUTPUT_CHARS);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
