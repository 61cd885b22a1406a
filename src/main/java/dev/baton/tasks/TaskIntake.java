package dev.baton.tasks;

import dev.baton.agent.AgentRegistry;
import dev.baton.brain.TaskFile;
import dev.baton.brain.TaskFileParser;
import dev.baton.core.DuplicateTaskIdException;
import dev.baton.core.Durations;
import dev.baton.core.InvalidInputException;
import dev.baton.core.Priority;
import dev.baton.core.TaskFileException;
import dev.baton.core.TaskId;
import dev.baton.core.TaskMode;
import dev.baton.core.TaskSpec;
import dev.baton.store.Store;
import dev.baton.workspace.BranchNames;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The one front door for tasks: every entry point (command line, REST, dashboard, workflows,
 * planner, scheduler) hands its {@link TaskRequest} here, and it is checked by one set of rules
 * with one set of messages before the {@link TaskService} stores it. A request that breaks a rule
 * is refused with {@link InvalidTaskRequestException}; a malformed task file with its own {@link
 * TaskFileException}; a taken id with {@link DuplicateTaskIdException}. Thread-safe.
 */
public final class TaskIntake {
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern CAPABILITY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final int MAX_RETRIES = 20;

    private final TaskService tasks;
    private final AgentRegistry agents;
    private final Store store;

    public TaskIntake(TaskService tasks, AgentRegistry agents, Store store) {
        this.tasks = tasks;
        this.agents = agents;
        this.store = store;
    }

    /** Checks the request and queues its task. */
    public AddResult submit(TaskRequest request, Source source) {
        return refusingAsRequest(() -> {
            Checked checked = check(request, source);
            if (checked.id() != null && store.findTask(checked.id()).isPresent()) {
                throw new DuplicateTaskIdException(checked.id());
            }
            return tasks.add(checked.spec(), checked.id(), source.principal());
        });
    }

    /**
     * Checks every request and queues their tasks in one transaction: all or none. Each request
     * names its id; a task may depend on tasks earlier in the list.
     */
    public TaskService.BatchResult submitAll(List<TaskRequest> requests, Source source) {
        return refusingAsRequest(() -> {
            Map<TaskId, TaskSpec> specs = new LinkedHashMap<>();
            for (TaskRequest request : requests) {
                Checked checked = check(request, source);
                if (checked.id() == null) {
                    throw new IllegalArgumentException("a task submitted with others needs its id");
                }
                specs.put(checked.id(), checked.spec());
            }
            return tasks.addAll(specs, source.principal());
        });
    }

    /** A request made into a spec, and the id it asked for (null for a new one). */
    private record Checked(TaskSpec spec, TaskId id) {}

    private Checked check(TaskRequest r, Source source) {
        int given = (r.text() != null ? 1 : 0) + (r.markdown() != null ? 1 : 0) + (r.file() != null ? 1 : 0);
        if (given != 1) {
            throw refuse("give the task as text or as a task file (markdown), exactly one of them");
        }
        TaskId id = null;
        TaskSpec.Builder b;
        if (r.text() != null) {
            if (r.text().isBlank()) throw refuse("the task has no text; say what should be done");
            b = TaskSpec.builder(r.text()).source(source.name());
        } else if (r.markdown() != null) {
            String name = r.markdownName() == null ? "task.md" : r.markdownName();
            if (!FILE_NAME.matcher(name).matches()) {
                throw refuse("file_name must be 1-100 letters, digits, '.', '_' or '-'");
            }
            TaskFile parsed = new TaskFileParser().parse(name, r.markdown());
            id = parsed.id();
            b = parsed.spec().toBuilder().source(source.name() + ":" + name);
        } else {
            TaskFile parsed = new TaskFileParser().parse(r.file());
            id = parsed.id();
            b = parsed.spec().toBuilder();
        }
        if (given(r.id())) id = field("id", () -> TaskId.of(r.id().strip()));
        if (given(r.title())) b.title(r.title().strip());
        if (given(r.agent())) b.preferredAgent(agent(r.agent().strip()));
        if (given(r.priority())) b.priority(Priority.parse(r.priority()));
        if (given(r.timeout())) b.timeout(field("timeout", () -> Durations.parse(r.timeout())));
        repo(r.repo(), source, b);
        if (given(r.base())) {
            String base = r.base().strip();
            BranchNames.requireValid(base, "base");
            b.baseBranch(base);
        }
        if (!r.dependsOn().isEmpty()) {
            b.dependsOn(r.dependsOn().stream()
                    .map(dependency -> field("depends_on", () -> TaskId.of(dependency.strip())))
                    .toList());
        }
        if (r.retries() != null) {
            if (r.retries() < 0 || r.retries() > MAX_RETRIES) {
                throw refuse("retries must be between 0 and " + MAX_RETRIES + ", not " + r.retries());
            }
            b.maxRetries(r.retries());
        }
        for (String capability : r.requires()) {
            if (capability == null || !CAPABILITY.matcher(capability.strip()).matches()) {
                throw refuse("requires: '" + capability + "' is not a capability name; use letters, digits,"
                        + " '_', '-', '.' or '+' (such as code_execution)");
            }
        }
        if (!r.requires().isEmpty())
            b.requires(r.requires().stream().map(String::strip).toList());
        if (given(r.type())) {
            if (!TYPE.matcher(r.type()).matches()) {
                throw refuse(
                        "type must be a lower-case word such as bug, feature, test or docs, not '" + r.type() + "'");
            }
            b.type(r.type());
        }
        if (!r.tags().isEmpty()) b.tags(r.tags());
        if (given(r.mode()))
            b.mode(field("mode", () -> TaskMode.fromWire(r.mode().strip())));
        if (r.requiresApproval() != null) b.requiresApproval(r.requiresApproval());
        r.extra().forEach(b::extra);
        return new Checked(b.build(), id);
    }

    /** {@code any} means no preference; any other name must be a Baton agent. */
    private String agent(String name) {
        if (!name.equals("any")) agents.require(name);
        return name;
    }

    /**
     * A relative path is the caller's working folder's; a caller without one (the server's
     * clients, whose folders are elsewhere) must give an absolute path. With no repository named
     * anywhere, a working folder inside a git repository is the one meant.
     */
    private static void repo(String given, Source source, TaskSpec.Builder b) {
        Path folder = source.workingFolder();
        if (given(given)) {
            Path repo;
            try {
                repo = Path.of(given.strip());
            } catch (InvalidPathException e) {
                throw refuse("repo '" + given + "' is not a path");
            }
            if (!repo.isAbsolute()) {
                if (folder == null) {
                    throw refuse("repo must be an absolute path on the server, not '" + given + "'");
                }
                repo = folder.resolve(repo);
            }
            b.repo(repo.normalize().toString());
        } else if (b.build().repo() == null && folder != null && insideGitRepository(folder)) {
            b.repo(folder.toString());
        }
    }

    /** Whether the folder lies inside a git repository, found without running git. */
    public static boolean insideGitRepository(Path folder) {
        for (Path p = folder.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) return true;
        }
        return false;
    }

    private static boolean given(String value) {
        return value != null && !value.isBlank();
    }

    /** A field the domain parses: its refusal names the field. */
    private static <T> T field(String name, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidInputException e) {
            throw refuse(name + ": " + e.getMessage());
        }
    }

    private static InvalidTaskRequestException refuse(String message) {
        return new InvalidTaskRequestException(message);
    }

    /**
     * Whatever the request is refused for, here or by the task service (an unknown agent or
     * dependency, a folder that is no repository), is the request's fault and said as such; a task
     * file's errors and a taken id keep their own kinds.
     */
    private static <T> T refusingAsRequest(Supplier<T> submission) {
        try {
            return submission.get();
        } catch (TaskFileException | DuplicateTaskIdException | InvalidTaskRequestException e) {
            throw e;
        } catch (InvalidInputException e) {
            throw new InvalidTaskRequestException(e.getMessage(), e);
        }
    }
}
