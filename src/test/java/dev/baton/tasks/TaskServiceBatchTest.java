package dev.baton.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.InvalidInputException;
import dev.baton.core.TaskId;
import dev.baton.core.TaskSpec;
import dev.baton.store.TaskQuery;
import dev.baton.testing.TestBaton;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TaskService#addAll}: several tasks with dependencies among them, all stored or none. */
class TaskServiceBatchTest {
    @TempDir
    Path dir;

    @Test
    void aBatchMayDependOnItselfInOrderAndIsStoredTogether() {
        try (TestBaton baton = new TestBaton(dir.resolve("home"), 2, 2)) {
            TaskId earlier = baton.add("true");
            Map<TaskId, TaskSpec> batch = new LinkedHashMap<>();
            batch.put(
                    TaskId.of("b.one"),
                    TaskSpec.builder("true").dependsOn(List.of(earlier)).build());
            batch.put(
                    TaskId.of("b.two"),
                    TaskSpec.builder("true")
                            .dependsOn(List.of(TaskId.of("b.one")))
                            .build());
            var result = baton.baton.tasks().addAll(batch);
            assertThat(result.tasks()).extracting(t -> t.id().value()).containsExactly("b.one", "b.two");
            assertThat(baton.task(TaskId.of("b.two")).spec().dependsOn()).containsExactly(TaskId.of("b.one"));
        }
    }

    @Test
    void oneBadTaskStoresNone() {
        try (TestBaton baton = new TestBaton(dir.resolve("home"), 2, 2)) {
            Map<TaskId, TaskSpec> unknownDependency = new LinkedHashMap<>();
            unknownDependency.put(TaskId.of("c.one"), TaskSpec.builder("true").build());
            unknownDependency.put(
                    TaskId.of("c.two"),
                    TaskSpec.builder("true")
                            .dependsOn(List.of(TaskId.of("nope")))
                            .build());
            assertThatThrownBy(() -> baton.baton.tasks().addAll(unknownDependency))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("depends on unknown task nope");

            Map<TaskId, TaskSpec> unknownAgent = new LinkedHashMap<>();
            unknownAgent.put(TaskId.of("d.one"), TaskSpec.builder("true").build());
            unknownAgent.put(
                    TaskId.of("d.two"),
                    TaskSpec.builder("true").preferredAgent("ghost").build());
            assertThatThrownBy(() -> baton.baton.tasks().addAll(unknownAgent))
                    .hasMessageContaining("unknown agent 'ghost'");

            assertThat(baton.baton.tasks().list(TaskQuery.ALL)).isEmpty();
        }
    }
}
