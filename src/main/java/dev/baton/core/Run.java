package dev.baton.core;

import java.time.Instant;
import java.util.Objects;

/**
 * One attempt of a task by one agent.
 *
 * @param nodeId the Baton node that supervises the run
 * @param fence the fencing token of the claim: updates from a supervisor holding an older token
 *     are refused
 * @param pid the process group leader of the agent process, once launched
 * @param processStart when that process started, to tell it from a later process with the same pid
 * @param runDir the folder with the run's output files
 * @param workdir the directory the agent works in (a worktree, or a scratch folder)
 * @param leaseUntil the supervisor must renew its lease before then, or another node may take over
 * @param outputOffset how far the run's output has been read into events
 */
public record Run(
        RunId id,
        TaskId taskId,
        int attempt,
        String agent,
        RunStatus status,
        String nodeId,
        long fence,
        Long pid,
        Instant processStart,
        String runDir,
        String workdir,
        String branch,
        Instant startedAt,
        Instant finishedAt,
        Integer exitCode,
        FailureReason failureReason,
        String failureDetail,
        Instant leaseUntil,
        long outputOffset,
        RunResult result,
        long version) {

    public Run {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        result = result == null ? RunResult.EMPTY : result;
    }

    public static Run start(
            TaskId task,
            int attempt,
            String agent,
            String nodeId,
            long fence,
            String runDir,
            Instant now,
            Instant leaseUntil) {
        return new Run(
                RunId.of(task, attempt),
                task,
                attempt,
                agent,
                RunStatus.STARTING,
                nodeId,
                fence,
                null,
                null,
                runDir,
                null,
                null,
                now,
                null,
                null,
                null,
                null,
                leaseUntil,
                0,
                RunResult.EMPTY,
                0);
    }

    public Run launched(long processId, Instant processStarted, String workdirPath, String branchName) {
        return new Run(
                id,
                taskId,
                attempt,
                agent,
                RunStatus.RUNNING,
                nodeId,
                fence,
                processId,
                processStarted,
                runDir,
                workdirPath,
                branchName,
                startedAt,
                finishedAt,
                exitCode,
                failureReason,
                failureDetail,
                leaseUntil,
                outputOffset,
                result,
                version);
    }

    public Run finished(
            RunStatus terminal, Integer code, FailureReason reason, String detail, RunResult runResult, Instant now) {
        if (!terminal.isTerminal()) {
            throw new IllegalArgumentException(terminal + " is not a terminal run status");
        }
        return new Run(
                id,
                taskId,
                attempt,
                agent,
                terminal,
                nodeId,
                fence,
                pid,
                processStart,
                runDir,
                workdir,
                branch,
                startedAt,
                now,
                code,
                reason,
                detail,
                leaseUntil,
                outputOffset,
                runResult,
                version);
    }

    public Run withLease(String owner, long newFence, Instant until) {
        return new Run(
                id,
                taskId,
                attempt,
                agent,
                status,
                owner,
                newFence,
                pid,
                processStart,
                runDir,
                workdir,
                branch,
                startedAt,
                finishedAt,
                exitCode,
                failureReason,
                failureDetail,
                until,
                outputOffset,
                result,
                version);
    }

    public Run withOutputOffset(long offset) {
        return new Run(
                id,
                taskId,
                attempt,
                agent,
                status,
                nodeId,
                fence,
                pid,
                processStart,
                runDir,
                workdir,
                branch,
                startedAt,
                finishedAt,
                exitCode,
                failureReason,
                failureDetail,
                leaseUntil,
                offset,
                result,
                version);
    }

    public Run withWorkspace(String workdirPath, String branchName) {
        return new Run(
                id,
                taskId,
                attempt,
                agent,
                status,
                nodeId,
                fence,
                pid,
                processStart,
                runDir,
                workdirPath,
                branchName,
                startedAt,
                finishedAt,
                exitCode,
                failureReason,
                failureDetail,
                leaseUntil,
                outputOffset,
                result,
                version);
    }

    /**
     * The same run with its free text (failure detail, the agent's summary) passed through {@code
     * text}: how the recorder hides secrets before the run is stored.
     */
    public Run mapText(java.util.function.UnaryOperator<String> text) {
        return new Run(
                id,
                taskId,
                attempt,
                agent,
                status,
                nodeId,
                fence,
                pid,
                processStart,
                runDir,
                workdir,
                branch,
                startedAt,
                finishedAt,
                exitCode,
                failureReason,
                failureDetail == null ? null : text.apply(failureDetail),
                leaseUntil,
                outputOffset,
                result.summary() == null ? result : result.withSummary(text.apply(result.summary())),
                version);
    }

    public Run withVersion(long value) {
        return new Run(
                id,
                taskId,
                attempt,
                agent,
                status,
                nodeId,
                fence,
                pid,
                processStart,
                runDir,
                workdir,
                branch,
                startedAt,
                finishedAt,
                exitCode,
                failureReason,
                failureDetail,
                leaseUntil,
                outputOffset,
                result,
                value);
    }
}
