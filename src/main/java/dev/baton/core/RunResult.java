package dev.baton.core;

import java.util.List;

/**
 * What a run left behind in its branch.
 *
 * @param commits commit ids on the run branch since the base, newest first
 * @param summary the agent's final message, or the last lines of output
 */
public record RunResult(List<String> commits, int filesChanged, int insertions, int deletions, String summary) {
    public static final RunResult EMPTY = new RunResult(List.of(), 0, 0, 0, null);

    public RunResult {
        commits = List.copyOf(commits == null ? List.of() : commits);
    }
}
