package dev.baton.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.agent.AgentRegistry;
import dev.baton.agent.CommandAgent;
import dev.baton.core.DuplicateTaskIdException;
import dev.baton.core.TaskId;
import dev.baton.core.TaskSpec;
import dev.baton.session.LocalProcessLauncher;
import dev.baton.store.Recorder;
import dev.baton.store.SqliteStore;
import dev.baton.store.TaskQuery;
import dev.baton.workspace.GitWorkspaces;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ids {@link TaskService#add} gives: a generated id already taken is drawn again. */
class TaskServiceIdTest {
    @TempDir
    Path dir;

    /** Draws the same three bytes for the first {@code repeats} draws, then other ones. */
    private static RandomGenerator repeating(int repeats) {
        return new RandomGenerator() {
            private int draws;

            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public void nextBytes(byte[] bytes) {
                java.util.Arrays.fill(bytes, (byte) (draws++ < repeats ? 0x0a : draws));
            }
        };
    }

    private TaskService service(SqliteStore store, LocalProcessLauncher launcher, RandomGenerator random) {
        return new TaskService(
                new Recorder(store),
                AgentRegistry.builder().adapter(new CommandAgent()).build(),
                new GitWorkspaces(launcher, dir.resolve("worktrees")),
                launcher,
                Clock.systemUTC(),
                random,
                Duration.ofSeconds(1));
    }

    @Test
    void aGeneratedIdThatIsTakenIsDrawnAgainAndNothingIsOverwritten() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("baton.db"));
                LocalProcessLauncher launcher = new LocalProcessLauncher()) {
            TaskService tasks = service(store, launcher, repeating(3));

            TaskId first = tasks.add(TaskSpec.builder("echo first").build(), null)
                    .task()
                    .id();
            TaskId second = tasks.add(TaskSpec.builder("echo second").build(), null)
                    .task()
                    .id();

            assertThat(first).isEqualTo(TaskId.of("t-0a0a0a"));
            assertThat(second).isNotEqualTo(first);
            assertThat(store.findTask(first).orElseThrow().spec().prompt()).isEqualTo("echo first");
            assertThat(store.findTask(second).orElseThrow().spec().prompt()).isEqualTo("echo second");
            assertThat(store.listTasks(TaskQuery.ALL)).hasSize(2);
        }
    }

    @Test
    void aGivenIdThatIsTakenIsAnErrorThatSaysSo() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("baton.db"));
                LocalProcessLauncher launcher = new LocalProcessLauncher()) {
            TaskService tasks = service(store, launcher, repeating(0));
            tasks.add(TaskSpec.builder("echo first").build(), TaskId.of("mine"));

            assertThatThrownBy(() -> tasks.add(TaskSpec.builder("echo again").build(), TaskId.of("mine")))
                    .isInstanceOf(DuplicateTaskIdException.class)
                    .hasMessageContaining("a task with id mine already exists");
            assertThat(store.findTask(TaskId.of("mine")).orElseThrow().spec().prompt())
                    .isEqualTo("echo first");
        }
    }
}
