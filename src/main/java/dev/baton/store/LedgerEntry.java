package dev.baton.store;

import java.time.Instant;

/**
 * One finished run in the usage ledger.
 *
 * @param project the repository the task worked in, or "" for a scratch task
 * @param status the run's wire status: succeeded, failed, cancelled
 * @param failureReason the wire name of the failure, or null
 * @param messages prompts sent to the agent (one per run)
 */
public record LedgerEntry(
        String runId,
        String taskId,
        String agent,
        String project,
        String taskType,
        Instant finishedAt,
        String status,
        String failureReason,
        String failureDetail,
        long durationMillis,
        long inputTokens,
        long outputTokens,
        long cachedTokens,
        long messages,
        double costUsd) {}
