package dev.baton.view;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.baton.core.Run;
import java.util.List;

/** One run of a task as scripts and clients see it ({@code GET /api/runs/ID}, and in every task view). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunView(
        String id,
        String taskId,
        int attempt,
        String agent,
        String status,
        Integer exitCode,
        String failureReason,
        String failureDetail,
        String startedAt,
        String finishedAt,
        Long pid,
        String workdir,
        String branch,
        String runDir,
        List<String> commits,
        int filesChanged,
        int insertions,
        int deletions,
        String summary,
        String sessionId,
        long inputTokens,
        long outputTokens,
        long cachedTokens,
        Double costUsd) {

    public static RunView of(Run run) {
        var result = run.result();
        return new RunView(
                run.id().value(),
                run.taskId().value(),
                run.attempt(),
                run.agent(),
                run.status().wireName(),
                run.exitCode(),
                run.failureReason() == null ? null : run.failureReason().wireName(),
                run.failureDetail(),
                run.startedAt().toString(),
                run.finishedAt() == null ? null : run.finishedAt().toString(),
                run.pid(),
                run.workdir(),
                run.branch(),
                run.runDir(),
                result.commits(),
                result.filesChanged(),
                result.insertions(),
                result.deletions(),
                result.summary(),
                result.sessionId(),
                result.usage().inputTokens(),
                result.usage().outputTokens(),
                result.usage().cachedTokens(),
                result.usage().costUsd());
    }
}
