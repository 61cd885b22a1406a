package dev.baton.core;

import java.util.List;

/**
 * What a run left behind in its branch, and what the agent reported.
 *
 * @param commits commit ids on the run branch since the base, newest first
 * @param summary the agent's final message, or the last lines of output
 * @param sessionId the agent's own session id (for resuming it), or null
 * @param usage tokens and cost, {@link Usage#NONE} when the agent reports none
 */
public record RunResult(
        List<String> commits,
        int filesChanged,
        int insertions,
        int deletions,
        String summary,
        String sessionId,
        Usage usage) {
    public static final RunResult EMPTY = new RunResult(List.of(), 0, 0, 0, null);

    public RunResult {
        commits = List.copyOf(commits == null ? List.of() : commits);
        usage = usage == null ? Usage.NONE : usage;
    }

    public RunResult(List<String> commits, int filesChanged, int insertions, int deletions, String summary) {
        this(commits, filesChanged, insertions, deletions, summary, null, Usage.NONE);
    }

    public RunResult withSummary(String value) {
        return new RunResult(commits, filesChanged, insertions, deletions, value, sessionId, usage);
    }

    public RunResult withAgentReport(String session, Usage reported) {
        return new RunResult(commits, filesChanged, insertions, deletions, summary, session, reported);
    }
}
