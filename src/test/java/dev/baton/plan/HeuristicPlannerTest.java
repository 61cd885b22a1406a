package dev.baton.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeuristicPlannerTest {

    @Test
    void aNumberedListGivesOneTaskPerItemTypedByKeyword() {
        Plan plan = HeuristicPlanner.plan("""
                Before the release:
                1. Fix the crash when the config file is empty
                2. Add tests for the config loader
                3. Update the README with the new options
                """);
        assertThat(plan.tasks())
                .extracting(PlannedTask::title)
                .containsExactly(
                        "Fix the crash when the config file is empty",
                        "Add tests for the config loader",
                        "Update the README with the new options");
        assertThat(plan.tasks()).extracting(PlannedTask::type).containsExactly("bug", "test", "docs");
        assertThat(plan.tasks()).allMatch(t -> t.dependsOn().isEmpty());
        assertThat(plan.confidence()).isEqualTo(0.9);
        assertThat(plan.confident()).isTrue();
        assertThat(plan.tasks().getFirst().why()).isEqualTo("list item 1 of 3; type from 'fix'");
        assertThat(plan.tasks().getFirst().prompt())
                .contains("larger requirement")
                .contains("Before the release");
    }

    @Test
    void thenMakesASequence() {
        Plan plan = HeuristicPlanner.plan(
                "Fix the login bug, then add a test for the session timeout and then document the new flag");
        assertThat(plan.tasks())
                .extracting(PlannedTask::title)
                .containsExactly("Fix the login bug", "Add a test for the session timeout", "Document the new flag");
        assertThat(plan.tasks()).extracting(PlannedTask::type).containsExactly("bug", "test", "docs");
        assertThat(plan.tasks())
                .extracting(PlannedTask::dependsOn)
                .containsExactly(List.of(), List.of("p1"), List.of("p2"));
        assertThat(plan.confidence()).isEqualTo(0.8);
        assertThat(plan.tasks().get(1).why()).endsWith("after p1 ('then')");
    }

    @Test
    void aSentenceStartingWithThenFollowsThePreviousOne() {
        Plan plan = HeuristicPlanner.plan("Refactor the parser into two classes. Then add support for comments.");
        assertThat(plan.tasks()).extracting(PlannedTask::type).containsExactly("refactor", "feature");
        assertThat(plan.tasks().get(1).dependsOn()).containsExactly("p1");
    }

    @Test
    void aBulletListKeepsThenInsideAnItem() {
        Plan plan = HeuristicPlanner.plan("- Write the migration, then run it on staging\n- Update the docs");
        assertThat(plan.tasks())
                .extracting(PlannedTask::title)
                .containsExactly("Write the migration", "Run it on staging", "Update the docs");
        assertThat(plan.tasks())
                .extracting(PlannedTask::dependsOn)
                .containsExactly(List.of(), List.of("p1"), List.of());
    }

    @Test
    void oneShortSentenceIsOneTask() {
        Plan plan = HeuristicPlanner.plan("Add a dark mode to the settings page");
        assertThat(plan.tasks()).hasSize(1);
        assertThat(plan.tasks().getFirst().type()).isEqualTo("feature");
        assertThat(plan.tasks().getFirst().prompt()).isEqualTo("Add a dark mode to the settings page");
        assertThat(plan.confidence()).isEqualTo(0.75);
    }

    @Test
    void aParagraphWithoutStructureHasLowConfidence() {
        Plan plan = HeuristicPlanner.plan("We keep hearing from users that the onboarding is confusing. The"
                + " welcome screen says too little. Some people never find the import button. Marketing would"
                + " like the colours to match the new brand.");
        assertThat(plan.confidence()).isLessThan(Plan.SUBMIT_THRESHOLD);
        assertThat(plan.confident()).isFalse();
        assertThat(plan.tasks()).hasSize(4).allMatch(t -> t.type().equals("general"));
    }

    @Test
    void anEmptyRequirementIsRefused() {
        assertThatThrownBy(() -> HeuristicPlanner.plan("  "))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void aNumberedListOnOneLineIsAListToo() {
        Plan plan = HeuristicPlanner.plan(
                "Before Friday: 1. Fix the login crash 2. Add tests for version 2.1 3. Update docs");
        assertThat(plan.tasks())
                .extracting(PlannedTask::title)
                .containsExactly("Fix the login crash", "Add tests for version 2.1", "Update docs");
        assertThat(plan.tasks()).extracting(PlannedTask::type).containsExactly("bug", "test", "docs");
        assertThat(plan.confidence()).isEqualTo(0.9);
    }
}
