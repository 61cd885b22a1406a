package dev.baton.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.core.FailureReason;
import dev.baton.core.Usage;
import dev.baton.format.Jackson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code codex exec --json}: {@code thread.started}, {@code turn.started},
 * {@code item.started}/{@code item.completed} (agent_message, command_execution, file_change,
 * mcp_tool_call, web_search, error, ...), {@code turn.completed} with usage, and on failure
 * {@code error} and {@code turn.failed}.
 *
 * <p>Two facts Codex does not print come from the line {@link CodexAgent} writes at the top of the
 * run's output before Codex starts ({@value #LAUNCH_LINE_TYPE}): the model (Codex never names it, and
 * Baton prices tokens by model) and the thread's token count before this run. The latter matters
 * because {@code turn.completed} reports the thread's total, which on a resumed session includes the
 * earlier runs. Not thread-safe: one parser per run.
 */
final class CodexStreamParser implements StreamParser {
    static final String LAUNCH_LINE_TYPE = "baton.codex_launch";
    private static final ObjectMapper JSON = Jackson.json();

    private final CodexErrors errors;
    private final Set<String> startedTools = new HashSet<>();
    private final Set<String> reportedErrors = new HashSet<>();
    private String model;
    private Usage before = Usage.NONE;
    private String lastMessage;

    CodexStreamParser(CodexErrors errors) {
        this.errors = errors;
    }

    /** The line that tells the parser what Codex will not: the model and the thread's earlier usage. */
    static String launchLine(String model, Usage before) {
        ObjectNode line = JSON.createObjectNode().put("type", LAUNCH_LINE_TYPE);
        if (model != null) line.put("model", model);
        if (before != null && !before.equals(Usage.NONE)) {
            line.putObject("usage_before")
                    .put("input_tokens", before.inputTokens())
                    .put("cached_input_tokens", before.cachedTokens())
                    .put("output_tokens", before.outputTokens());
        }
        return line.toString();
    }

    @Override
    public List<AgentEvent> parse(String line) {
        if (line == null || !line.startsWith("{")) return List.of();
        try {
            JsonNode event = JSON.readTree(line);
            List<AgentEvent> events = new ArrayList<>();
            switch (event.path("type").asText()) {
                case LAUNCH_LINE_TYPE -> {
                    model = text(event, "model");
                    before = tokens(event.path("usage_before"));
                }
                case "thread.started" -> events.add(new AgentEvent.SessionStarted(text(event, "thread_id"), model));
                case "item.started" -> itemStarted(event.path("item"), events);
                case "item.completed" -> itemCompleted(event.path("item"), events);
                case "turn.completed" -> {
                    events.add(new AgentEvent.UsageReport(runUsage(event.path("usage")), model, true));
                    events.add(new AgentEvent.Result(lastMessage, false));
                }
                case "error" -> error(text(event, "message"), events);
                case "turn.failed" -> {
                    String message = text(event.path("error"), "message");
                    error(message, events);
                    events.add(new AgentEvent.Result(message, true));
                }
                default -> {}
            }
            return events;
        } catch (JsonProcessingException | RuntimeException e) {
            return List.of(); // not a Codex event (a stray line); the raw output stays in the run's files
        }
    }

    private void itemStarted(JsonNode item, List<AgentEvent> events) {
        String type = item.path("type").asText();
        if (isTool(type)) {
            startedTools.add(item.path("id").asText());
            events.add(toolCall(item));
        }
    }

    private void itemCompleted(JsonNode item, List<AgentEvent> events) {
        String type = item.path("type").asText();
        switch (type) {
            case "agent_message" -> {
                lastMessage = text(item, "text");
                events.add(new AgentEvent.Message(lastMessage));
            }
            // An error item is a warning (unknown model metadata, a model switch on resume, ...): a
            // failure always ends the turn with turn.failed.
            case "error" -> events.add(new AgentEvent.Error(text(item, "message"), null, null));
            default -> {
                if (!isTool(type)) return;
                String id = item.path("id").asText();
                if (!startedTools.remove(id)) events.add(toolCall(item));
                events.add(new AgentEvent.ToolResult(id, toolFailed(item), toolOutput(item)));
            }
        }
    }

    private void error(String message, List<AgentEvent> events) {
        // Codex prints a failure twice, as "error" and again in "turn.failed": report it once.
        if (message != null && !reportedErrors.add(message)) return;
        CodexErrors.Classified classified = errors.classify(message);
        FailureReason reason = classified.reason();
        events.add(new AgentEvent.Error(message, reason, classified.resetAt()));
    }

    private static boolean isTool(String type) {
        return switch (type) {
            case "command_execution", "file_change", "mcp_tool_call", "web_search" -> true;
            default -> false;
        };
    }

    private static AgentEvent.ToolCall toolCall(JsonNode item) {
        String id = item.path("id").asText();
        ObjectNode input = JSON.createObjectNode();
        String name;
        switch (item.path("type").asText()) {
            case "command_execution" -> {
                name = "exec_command";
                input.put("cmd", text(item, "command"));
            }
            case "file_change" -> {
                name = "apply_patch";
                input.set("changes", item.path("changes"));
            }
            case "mcp_tool_call" -> {
                name = item.path("server").asText() + "." + item.path("tool").asText();
                input.set("arguments", item.path("arguments"));
            }
            default -> {
                name = item.path("type").asText();
                input.put("query", text(item, "query"));
            }
        }
        return new AgentEvent.ToolCall(id, name, input.toString());
    }

    private static boolean toolFailed(JsonNode item) {
        String status = item.path("status").asText("");
        if (status.equals("failed") || status.equals("declined")) return true;
        JsonNode exitCode = item.path("exit_code");
        if (exitCode.isNumber() && exitCode.asInt() != 0) return true;
        return item.hasNonNull("error");
    }

    private static String toolOutput(JsonNode item) {
        return switch (item.path("type").asText()) {
            case "command_execution" -> text(item, "aggregated_output");
            case "file_change" -> item.path("changes").toString();
            case "mcp_tool_call" ->
                item.hasNonNull("error")
                        ? item.path("error").toString()
                        : item.path("result").toString();
            default -> item.toString();
        };
    }

    /** This run's part of the thread's total. */
    private Usage runUsage(JsonNode usage) {
        Usage total = tokens(usage);
        long input = Math.max(0, total.inputTokens() - before.inputTokens());
        long cached = Math.max(0, total.cachedTokens() - before.cachedTokens());
        long output = Math.max(0, total.outputTokens() - before.outputTokens());
        return new Usage(input, output, cached, ModelPrices.cost(model, input, cached, output));
    }

    private static Usage tokens(JsonNode usage) {
        if (!usage.isObject()) return Usage.NONE;
        return new Usage(
                Math.max(0, usage.path("input_tokens").asLong()),
                Math.max(0, usage.path("output_tokens").asLong()),
                Math.max(0, usage.path("cached_input_tokens").asLong()),
                null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }
}
