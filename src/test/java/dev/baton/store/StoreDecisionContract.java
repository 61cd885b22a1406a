package dev.baton.store;

import static dev.baton.store.StoreFixtures.T0;
import static dev.baton.store.StoreFixtures.at;
import static dev.baton.store.StoreFixtures.insert;
import static dev.baton.store.StoreFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.Decision;
import dev.baton.core.DecisionId;
import dev.baton.core.DecisionKind;
import dev.baton.core.DecisionStatus;
import dev.baton.core.Event;
import dev.baton.core.NotFoundException;
import dev.baton.core.RunId;
import dev.baton.core.StaleVersionException;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} must do with decisions. Part of {@link StoreContract}; a separate file
 * only to keep each one readable.
 */
public interface StoreDecisionContract {

    Store store();

    Store openAnother();

    private static Decision decision(String id, TaskId task, DecisionKind kind, long createdSecond) {
        return Decision.ask(
                DecisionId.of(id),
                task,
                RunId.of(task, 1),
                kind,
                "May " + task + " start?",
                Map.of("command", "sudo make install", "rule", "sudo"),
                at(createdSecond),
                at(3600));
    }

    private static Decision insertDecision(Store store, Decision decision) {
        return store.apply(Changes.builder().insert(decision).build()).decision(decision.id());
    }

    @Test
    default void storesEveryFieldOfADecision() {
        Task task = insert(store(), task("t-1"));
        Decision asked = decision("d-0001", task.id(), DecisionKind.RISKY_COMMAND, 1);

        assertThat(insertDecision(store(), asked)).isEqualTo(asked);
        Decision answered = store().apply(Changes.builder()
                        .update(asked.answer(false, "cli:alice", "  not on prod  ", at(20)))
                        .build())
                .decision(asked.id());

        assertThat(answered.status()).isEqualTo(DecisionStatus.REJECTED);
        assertThat(answered.version()).isEqualTo(1);
        assertThat(store().findDecision(asked.id())).contains(answered);
        assertThat(answered.answeredBy()).isEqualTo("cli:alice");
        assertThat(answered.reason()).isEqualTo("not on prod");
        assertThat(answered.answeredAt()).isEqualTo(at(20));
        assertThat(answered.details()).containsEntry("command", "sudo make install");
        assertThat(store().findDecision(DecisionId.of("d-ffff"))).isEmpty();
    }

    @Test
    default void listsDecisionsByStatusOldestFirstAndPerTask() {
        Task one = insert(store(), task("t-1"));
        Task two = insert(store(), task("t-2"));
        insertDecision(store(), decision("d-0003", two.id(), DecisionKind.MERGE, 30));
        Decision first = insertDecision(store(), decision("d-0001", one.id(), DecisionKind.APPROVE_START, 10));
        insertDecision(store(), decision("d-0002", one.id(), DecisionKind.CONFLICT, 20));
        store().apply(Changes.builder()
                .update(first.answer(true, "api:ci", null, at(40)))
                .build());

        assertThat(store().listDecisions(Set.of(DecisionStatus.PENDING), 10))
                .extracting(d -> d.id().value())
                .containsExactly("d-0002", "d-0003");
        assertThat(store().listDecisions(Set.of(), 10))
                .extracting(d -> d.id().value())
                .containsExactly("d-0001", "d-0002", "d-0003");
        assertThat(store().listDecisions(Set.of(), 1)).hasSize(1);
        assertThat(store().decisionsOf(one.id()))
                .extracting(Decision::kind)
                .containsExactly(DecisionKind.APPROVE_START, DecisionKind.CONFLICT);
    }

    @Test
    default void anAnswerRacingAnotherIsRefused() {
        Task task = insert(store(), task("t-1"));
        Decision asked = insertDecision(store(), decision("d-0001", task.id(), DecisionKind.APPROVE_START, 1));
        Store other = openAnother();
        other.apply(Changes.builder()
                .update(asked.answer(true, "cli:bob", "fine", at(5)))
                .build());

        assertThatThrownBy(() -> store().apply(Changes.builder()
                        .update(asked.answer(false, "cli:alice", "no", at(6)))
                        .build()))
                .isInstanceOf(StaleVersionException.class)
                .hasMessageContaining("decision d-0001");
        assertThat(store().findDecision(asked.id()).orElseThrow().answeredBy()).isEqualTo("cli:bob");
    }

    @Test
    default void aDecisionChangeIsAtomicWithItsTaskAndEvents() {
        Task task = insert(store(), task("t-1"));
        Decision asked = decision("d-0001", task.id(), DecisionKind.APPROVE_START, 1);
        Task staleTask = task.withVersion(7);

        assertThatThrownBy(() -> store().apply(Changes.builder()
                        .update(staleTask)
                        .insert(asked)
                        .event(Event.of(T0, task.id(), null, "decision.needed", Map.of()))
                        .build()))
                .isInstanceOf(StaleVersionException.class);
        assertThat(store().findDecision(asked.id())).isEmpty();
        assertThat(store().eventsAfter(0, 10)).isEmpty();
        assertThatThrownBy(() -> store().apply(Changes.builder()
                        .update(decision("d-0009", task.id(), DecisionKind.MERGE, 1))
                        .build()))
                .isInstanceOf(NotFoundException.class);
        assertThat(List.of(DecisionKind.values())).hasSize(6);
    }
}
