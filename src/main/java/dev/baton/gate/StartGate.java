package dev.baton.gate;

import dev.baton.core.AgentProfile;
import dev.baton.core.Autonomy;
import dev.baton.core.DecisionKind;
import dev.baton.core.SafetyTier;
import dev.baton.core.TaskSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides whether a task may start on an agent, must wait for a person, or is refused. Pure: the
 * caller supplies the project's autonomy and the agent chosen for the task.
 *
 * <ul>
 *   <li>The command agent's command is judged by the {@link CommandPolicy}: a refused pattern is
 *       refused at every level.
 *   <li>{@code requiresApproval}, a {@code manual} project and a {@code manual} agent wait for an
 *       approval to start.
 *   <li>A risky command (or a task of type {@code deploy}, or tagged {@code risky}) waits unless the
 *       project runs at {@code full} autonomy and the agent is in the {@code full} safety tier.
 * </ul>
 *
 * Stateless; thread-safe.
 */
public final class StartGate {
    private static final String COMMAND_KIND = "command";

    /** The gate's answer: go, wait for a decision of {@code kind}, or refuse. */
    public record Verdict(Outcome outcome, DecisionKind kind, String question, Map<String, Object> details) {
        static final Verdict GO = new Verdict(Outcome.GO, null, null, Map.of());

        public Verdict {
            details = Map.copyOf(details);
        }
    }

    public enum Outcome {
        GO,
        WAIT,
        REFUSE
    }

    private StartGate() {}

    public static Verdict judge(TaskSpec spec, AgentProfile agent, Autonomy autonomy) {
        CommandPolicy.Verdict policy = agent.kind().equals(COMMAND_KIND)
                ? CommandPolicy.judge(commandLine(spec, agent))
                : CommandPolicy.Verdict.ALLOW;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("agent", agent.name());
        details.put("autonomy", autonomy.wireName());
        details.put("safety", agent.safety().wireName());
        if (policy.action() != CommandPolicy.Action.ALLOW) {
            details.put("command", spec.prompt());
            details.put("rule", policy.rule());
            details.put("risk", policy.why());
        }
        if (policy.action() == CommandPolicy.Action.REFUSE) {
            return new Verdict(
                    Outcome.REFUSE,
                    null,
                    "the command policy refuses '" + policy.rule() + "' (" + policy.why() + ")",
                    details);
        }
        boolean risky = policy.action() == CommandPolicy.Action.APPROVE
                || spec.type().equals("deploy")
                || spec.tags().contains("risky");
        boolean trusted = autonomy == Autonomy.FULL && agent.safety() == SafetyTier.FULL;
        if (risky && !trusted) {
            String why = policy.action() == CommandPolicy.Action.APPROVE
                    ? "its command matches '" + policy.rule() + "' (" + policy.why() + ")"
                    : "it is a " + (spec.type().equals("deploy") ? "deploy" : "risky") + " task";
            return new Verdict(
                    Outcome.WAIT,
                    policy.action() == CommandPolicy.Action.APPROVE
                            ? DecisionKind.RISKY_COMMAND
                            : DecisionKind.APPROVE_START,
                    "May '" + spec.title() + "' run on " + agent.name() + "? " + capitalize(why) + ".",
                    details);
        }
        String reason = spec.requiresApproval()
                ? "the task asks for approval"
                : autonomy == Autonomy.MANUAL
                        ? "the project's autonomy is manual"
                        : agent.safety() == SafetyTier.MANUAL
                                ? "agent " + agent.name() + " is in the manual safety tier"
                                : null;
        if (reason == null) return Verdict.GO;
        return new Verdict(
                Outcome.WAIT,
                DecisionKind.APPROVE_START,
                "May '" + spec.title() + "' start on " + agent.name() + "? " + capitalize(reason) + ".",
                details);
    }

    /** The command line the command agent would run: its template with the prompt put in. */
    static String commandLine(TaskSpec spec, AgentProfile agent) {
        if (agent.command().isEmpty()) return spec.prompt();
        return String.join(" ", agent.command()).replace("{prompt}", spec.prompt());
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
