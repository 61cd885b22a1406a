package dev.baton.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How much of its daily plan an agent has used, against two thresholds: past {@code warnAt} (a
 * fraction of a limit) Baton warns, at {@code stopAt} it holds new work back for that agent until the
 * next day. Stateless.
 *
 * @param warnAt fraction of a limit that gives a warning, e.g. 0.8
 * @param stopAt fraction of a limit at which no new run starts, e.g. 1.0
 */
public record Capacity(double warnAt, double stopAt) {
    public Capacity {
        if (!(warnAt > 0 && stopAt > 0 && warnAt <= stopAt && stopAt <= 10)) {
            throw new IllegalArgumentException("capacity thresholds need 0 < warn_at <= stop_at (got warn_at " + warnAt
                    + ", stop_at " + stopAt + ")");
        }
    }

    public static Capacity standard() {
        return new Capacity(0.8, 1.0);
    }

    /** What an agent has used today. */
    public record Used(long messages, long tokens, double costUsd) {
        public static final Used NONE = new Used(0, 0, 0);
    }

    /**
     * The verdict for one agent today.
     *
     * @param stopped true when a limit has reached {@code stopAt}
     * @param warning e.g. "claude-code used 85% of its tokens per day", or null
     * @param messagesLeft messages it may still send before {@code stopAt}, or null for no limit
     * @param budgetLeftUsd money it may still spend before {@code stopAt}, or null for no budget
     */
    public record Check(boolean stopped, String warning, Long messagesLeft, Double budgetLeftUsd) {}

    public Check check(AgentPlan plan, Used used) {
        List<String> warnings = new ArrayList<>();
        boolean stopped = false;
        Long messagesLeft = null;
        Double budgetLeft = null;
        if (plan.messagesPerDay() != null) {
            double stopAtMessages = stopAt * plan.messagesPerDay();
            messagesLeft = Math.max(0, (long) Math.floor(stopAtMessages) - used.messages());
            stopped |= used.messages() >= stopAtMessages;
            warn(warnings, used.messages(), plan.messagesPerDay(), "messages per day");
        }
        if (plan.tokensPerDay() != null) {
            stopped |= used.tokens() >= stopAt * plan.tokensPerDay();
            warn(warnings, used.tokens(), plan.tokensPerDay(), "tokens per day");
        }
        if (plan.budgetUsdPerDay() != null) {
            budgetLeft = Math.max(0, stopAt * plan.budgetUsdPerDay() - used.costUsd());
            stopped |= used.costUsd() >= stopAt * plan.budgetUsdPerDay();
            warn(warnings, used.costUsd(), plan.budgetUsdPerDay(), "budget per day");
        }
        if (stopped) messagesLeft = 0L;
        String warning = warnings.isEmpty() ? null : plan.agent() + " used " + String.join(", ", warnings);
        return new Check(stopped, warning, messagesLeft, budgetLeft);
    }

    private void warn(List<String> warnings, double used, double limit, String what) {
        if (limit <= 0 || used < warnAt * limit) return;
        warnings.add(String.format(Locale.ROOT, "%.0f%% of its %s", 100 * used / limit, what));
    }
}
