package dev.baton.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.format.Jackson;
import dev.baton.gate.ToolPermissions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The smallest MCP server Claude Code's {@code --permission-prompt-tool} needs: JSON-RPC 2.0 over
 * stdio, one JSON message per line, with {@code initialize}, {@code tools/list} and {@code
 * tools/call} of one tool, {@code approve}. Each call is one permission question; the answer is the
 * text the CLI expects: {@code {"behavior":"allow","updatedInput":{...}}} or {@code
 * {"behavior":"deny","message":"..."}}. Serves one client until its input ends; not thread-safe.
 */
public final class PermissionServer {
    public static final String TOOL = dev.baton.agent.PermissionTool.TOOL;
    static final String PROTOCOL_VERSION = "2025-06-18";
    private static final ObjectMapper JSON = Jackson.json();

    /** Answers one permission question; may block while a person decides. */
    @FunctionalInterface
    public interface Judge {
        ToolPermissions.Answer judge(String tool, Map<String, Object> input) throws InterruptedException;
    }

    private final Judge judge;

    public PermissionServer(Judge judge) {
        this.judge = judge;
    }

    /** Reads requests until the input ends, answering each on {@code out}. */
    public void serve(InputStream in, OutputStream out) throws IOException, InterruptedException {
        PrintStream writer = new PrintStream(out, true, StandardCharsets.UTF_8);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) continue;
            JsonNode request;
            try {
                request = JSON.readTree(line);
            } catch (IOException e) {
                writer.println(error(null, -32700, "parse error: " + e.getMessage()));
                continue;
            }
            String reply = handle(request);
            if (reply != null) writer.println(reply);
        }
    }

    /** The reply to one message, or null for a notification. */
    String handle(JsonNode request) throws InterruptedException {
        JsonNode id = request.get("id");
        String method = request.path("method").asText("");
        if (id == null || id.isNull()) return null; // notifications (initialized, cancelled) need no answer
        try {
            return switch (method) {
                case "initialize" ->
                    result(
                            id,
                            Map.of(
                                    "protocolVersion",
                                            request.path("params")
                                                    .path("protocolVersion")
                                                    .asText(PROTOCOL_VERSION),
                                    "capabilities", Map.of("tools", Map.of("listChanged", false)),
                                    "serverInfo", Map.of("name", "baton", "version", "0.1.0")));
                case "ping" -> result(id, Map.of());
                case "tools/list" -> result(id, Map.of("tools", List.of(toolDescription())));
                case "tools/call" -> call(id, request.path("params"));
                default -> error(id, -32601, "unknown method " + method);
            };
        } catch (IOException e) {
            return error(id, -32603, e.getMessage());
        }
    }

    private String call(JsonNode id, JsonNode params) throws IOException, InterruptedException {
        if (!TOOL.equals(params.path("name").asText())) {
            return error(id, -32602, "unknown tool " + params.path("name").asText() + "; the tool is " + TOOL);
        }
        JsonNode arguments = params.path("arguments");
        String tool = arguments.path("tool_name").asText("");
        if (tool.isEmpty()) return error(id, -32602, "tool_name is required");
        JsonNode inputNode = arguments.path("input");
        @SuppressWarnings("unchecked")
        Map<String, Object> input = inputNode.isObject() ? JSON.convertValue(inputNode, Map.class) : Map.of();
        ToolPermissions.Answer answer = judge.judge(tool, input);
        ObjectNode text = JSON.createObjectNode();
        if (answer.allowed()) {
            text.put("behavior", "allow");
            text.set("updatedInput", inputNode.isObject() ? inputNode : JSON.createObjectNode());
        } else {
            text.put("behavior", "deny");
            text.put("message", answer.message());
        }
        return result(id, Map.of("content", List.of(Map.of("type", "text", "text", JSON.writeValueAsString(text)))));
    }

    private static Map<String, Object> toolDescription() {
        return Map.of(
                "name",
                TOOL,
                "description",
                "Asks Baton whether the agent may use a tool (Baton's command policy, or a person).",
                "inputSchema",
                Map.of(
                        "type",
                        "object",
                        "properties",
                        Map.of(
                                "tool_name", Map.of("type", "string"),
                                "input", Map.of("type", "object"),
                                "tool_use_id", Map.of("type", "string")),
                        "required",
                        List.of("tool_name", "input")));
    }

    private static String result(JsonNode id, Object result) throws IOException {
        ObjectNode reply = JSON.createObjectNode();
        reply.put("jsonrpc", "2.0");
        reply.set("id", id);
        reply.set("result", JSON.valueToTree(result));
        return JSON.writeValueAsString(reply);
    }

    private static String error(JsonNode id, int code, String message) {
        ObjectNode reply = JSON.createObjectNode();
        reply.put("jsonrpc", "2.0");
        reply.set("id", id);
        ObjectNode error = reply.putObject("error");
        error.put("code", code);
        error.put("message", message);
        try {
            return JSON.writeValueAsString(reply);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
