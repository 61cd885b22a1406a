package dev.baton.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.gate.ToolPermissions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The MCP wire protocol as Claude Code speaks it: newline-delimited JSON-RPC over stdio. */
class PermissionServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> asked = new ArrayList<>();
    private final PermissionServer server = new PermissionServer((tool, input) -> {
        asked.add(tool + " " + input);
        return "Bash".equals(tool) && String.valueOf(input.get("command")).startsWith("sudo")
                ? new ToolPermissions.Answer(false, "a person said no: not as root")
                : new ToolPermissions.Answer(true, null);
    });

    private List<JsonNode> exchange(String... lines) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        server.serve(new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)), out);
        List<JsonNode> replies = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) replies.add(JSON.readTree(line));
        }
        return replies;
    }

    @Test
    void handshakeListAndCalls() throws Exception {
        List<JsonNode> replies = exchange(
                "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"claude-code\",\"version\":\"2\"}}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"approve\",\"arguments\":"
                        + "{\"tool_name\":\"Write\",\"input\":{\"file_path\":\"a.txt\",\"content\":\"x\"},\"tool_use_id\":\"t1\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"approve\",\"arguments\":"
                        + "{\"tool_name\":\"Bash\",\"input\":{\"command\":\"sudo rm x\"}}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"resources/list\"}",
                "not json");

        assertThat(replies).hasSize(6); // the notification gets no reply
        assertThat(replies.get(0).at("/result/protocolVersion").asText()).isEqualTo("2025-06-18");
        assertThat(replies.get(0).at("/result/capabilities/tools").isObject()).isTrue();
        assertThat(replies.get(1).at("/result/tools/0/name").asText()).isEqualTo("approve");
        JsonNode allow =
                JSON.readTree(replies.get(2).at("/result/content/0/text").asText());
        assertThat(allow.get("behavior").asText()).isEqualTo("allow");
        assertThat(allow.get("updatedInput")).isEqualTo(JSON.readTree("{\"file_path\":\"a.txt\",\"content\":\"x\"}"));
        JsonNode deny =
                JSON.readTree(replies.get(3).at("/result/content/0/text").asText());
        assertThat(deny.get("behavior").asText()).isEqualTo("deny");
        assertThat(deny.get("message").asText()).isEqualTo("a person said no: not as root");
        assertThat(replies.get(4).at("/error/code").asInt()).isEqualTo(-32601);
        assertThat(replies.get(5).at("/error/code").asInt()).isEqualTo(-32700);
        assertThat(asked).containsExactly("Write {file_path=a.txt, content=x}", "Bash {command=sudo rm x}");
    }
}
