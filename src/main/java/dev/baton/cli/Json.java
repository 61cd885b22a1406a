package dev.baton.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.baton.core.Run;
import dev.baton.core.Task;
import dev.baton.format.Jackson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes the CLI prints for scripts: stable snake_case field names. */
final class Json {
    private static final ObjectWriter MAPPER = Jackson.json().writerWithDefaultPrettyPrinter();

    private Json() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> task(Task task, List<Run> runs) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", task.id().value());
        out.put("title", task.spec().title());
        out.put("status", task.status().wireName());
        out.put("agent", task.agent());
        out.put("priority", task.spec().priority());
        out.put("type", task.spec().type());
        out.put("repo", task.spec().repo());
        out.put("base_branch", task.spec().baseBranch());
        out.put("branch", task.branch());
        out.put(
                "failure_reason",
                task.failureReason() == null ? null : task.failureReason().wireName());
        out.put("failure_detail", task.failureDetail());
        out.put("attempts", task.attempts());
        out.put(
                "depends_on",
                task.spec().dependsOn().stream().map(Object::toString).toList());
        out.put("requires", task.spec().requires());
        out.put("timeout_seconds", task.spec().timeout().toSeconds());
        out.put("tags", task.spec().tags());
        out.put("source", task.spec().source());
        out.put(
                "follow_up_of",
                task.spec().followUpOf() == null
                        ? null
                        : task.spec().followUpOf().value());
        out.put("created_at", task.createdAt().toString());
        out.put("updated_at", task.updatedAt().toString());
        if (!task.spec().extra().isEmpty()) out.put("extra", task.spec().extra());
        if (runs != null) out.put("runs", runs.stream().map(Json::run).toList());
        return out;
    }

    static Map<String, Object> run(Run run) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", run.id().value());
        out.put("attempt", run.attempt());
        out.put("agent", run.agent());
        out.put("status", run.status().wireName());
        out.put("exit_code", run.exitCode());
        out.put(
                "failure_reason",
                run.failureReason() == null ? null : run.failureReason().wireName());
        out.put("failure_detail", run.failureDetail());
        out.put("started_at", run.startedAt().toString());
        out.put(
                "finished_at",
                run.finishedAt() == null ? null : run.finishedAt().toString());
        out.put("pid", run.pid());
        out.put("workdir", run.workdir());
        out.put("branch", run.branch());
        out.put("run_dir", run.runDir());
        out.put("commits", run.result().commits());
        out.put("files_changed", run.result().filesChanged());
        out.put("insertions", run.result().insertions());
        out.put("deletions", run.result().deletions());
        out.put("summary", run.result().summary());
        out.put("session_id", run.result().sessionId());
        out.put("input_tokens", run.result().usage().inputTokens());
        out.put("output_tokens", run.result().usage().outputTokens());
        out.put("cached_tokens", run.result().usage().cachedTokens());
        out.put("cost_usd", run.result().usage().costUsd());
        return out;
    }
}
