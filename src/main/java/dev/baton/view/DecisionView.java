package dev.baton.view;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.baton.core.Decision;
import java.util.Map;

/** A decision as {@code baton decisions --json} and {@code /api/decisions} show it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DecisionView(
        String id,
        String task,
        String run,
        String kind,
        String question,
        Map<String, Object> details,
        String status,
        String createdAt,
        String expiresAt,
        String answeredAt,
        String answeredBy,
        String reason) {

    public static DecisionView of(Decision d) {
        return new DecisionView(
                d.id().value(),
                d.taskId().value(),
                d.runId() == null ? null : d.runId().value(),
                d.kind().wireName(),
                d.question(),
                d.details(),
                d.status().wireName(),
                d.createdAt().toString(),
                d.expiresAt() == null ? null : d.expiresAt().toString(),
                d.answeredAt() == null ? null : d.answeredAt().toString(),
                d.answeredBy(),
                d.reason());
    }
}
