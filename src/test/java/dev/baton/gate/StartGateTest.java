package dev.baton.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.AgentProfile;
import dev.baton.core.Autonomy;
import dev.baton.core.DecisionKind;
import dev.baton.core.SafetyTier;
import dev.baton.core.TaskSpec;
import dev.baton.gate.StartGate.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StartGateTest {
    private static AgentProfile command(SafetyTier tier) {
        return new AgentProfile("command", "command", Set.of(), 1, List.of("sh", "-c", "{prompt}"), Map.of(), tier);
    }

    private static AgentProfile claude(SafetyTier tier) {
        return new AgentProfile("claude", "claude-code", Set.of(), 1, List.of(), Map.of(), tier);
    }

    private static StartGate.Verdict judge(String prompt, AgentProfile agent, Autonomy autonomy) {
        return StartGate.judge(TaskSpec.builder(prompt).build(), agent, autonomy);
    }

    @Test
    void plainTasksGoBelowManual() {
        assertThat(judge("make test", command(SafetyTier.SUPERVISED), Autonomy.CONFIRM)
                        .outcome())
                .isEqualTo(Outcome.GO);
        assertThat(judge("make test", command(SafetyTier.SUPERVISED), Autonomy.FULL)
                        .outcome())
                .isEqualTo(Outcome.GO);
    }

    @Test
    void manualProjectsAndManualAgentsWaitForEveryStart() {
        StartGate.Verdict manualProject = judge("make test", claude(SafetyTier.FULL), Autonomy.MANUAL);
        assertThat(manualProject.outcome()).isEqualTo(Outcome.WAIT);
        assertThat(manualProject.kind()).isEqualTo(DecisionKind.APPROVE_START);
        StartGate.Verdict manualAgent = judge("make test", claude(SafetyTier.MANUAL), Autonomy.FULL);
        assertThat(manualAgent.outcome()).isEqualTo(Outcome.WAIT);
        assertThat(manualAgent.question()).contains("manual safety tier");
    }

    @Test
    void requiresApprovalWaitsEvenAtFullAutonomy() {
        StartGate.Verdict verdict = StartGate.judge(
                TaskSpec.builder("deploy").requiresApproval(true).build(), claude(SafetyTier.FULL), Autonomy.FULL);
        assertThat(verdict.outcome()).isEqualTo(Outcome.WAIT);
        assertThat(verdict.question()).contains("asks for approval");
    }

    @Test
    void riskyCommandsWaitUnlessBothProjectAndAgentAreFullyTrusted() {
        StartGate.Verdict supervised = judge("sudo make install", command(SafetyTier.SUPERVISED), Autonomy.FULL);
        assertThat(supervised.outcome()).isEqualTo(Outcome.WAIT);
        assertThat(supervised.kind()).isEqualTo(DecisionKind.RISKY_COMMAND);
        assertThat(supervised.details()).containsEntry("rule", "sudo");
        assertThat(judge("sudo make install", command(SafetyTier.FULL), Autonomy.CONFIRM)
                        .outcome())
                .isEqualTo(Outcome.WAIT);
        assertThat(judge("sudo make install", command(SafetyTier.FULL), Autonomy.FULL)
                        .outcome())
                .isEqualTo(Outcome.GO);
        // Only the command agent's command line is judged: a prompt to a coding agent is prose.
        assertThat(judge("explain why sudo is needed", claude(SafetyTier.SUPERVISED), Autonomy.CONFIRM)
                        .outcome())
                .isEqualTo(Outcome.GO);
    }

    @Test
    void refusedCommandsAreRefusedAtEveryLevel() {
        StartGate.Verdict verdict = judge("rm -rf /", command(SafetyTier.FULL), Autonomy.FULL);
        assertThat(verdict.outcome()).isEqualTo(Outcome.REFUSE);
        assertThat(verdict.question()).contains("rm -rf /");
    }

    @Test
    void deployTasksCountAsRiskyUnderConfirm() {
        StartGate.Verdict verdict = StartGate.judge(
                TaskSpec.builder("ship it").type("deploy").build(), claude(SafetyTier.SUPERVISED), Autonomy.CONFIRM);
        assertThat(verdict.outcome()).isEqualTo(Outcome.WAIT);
        assertThat(verdict.question()).contains("deploy task");
    }
}
