package dev.baton.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.AgentProfile;
import dev.baton.core.Task;
import dev.baton.format.Jackson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command-line arguments that hand an agent CLI's permission questions to Baton: an MCP server
 * ({@code baton mcp-permissions}, started by the CLI with this same Java and class path) and the
 * {@code --permission-prompt-tool} that names its tool. Stateless.
 */
public final class PermissionTool {
    static final String SERVER = "baton";
    /** The name of the MCP tool that answers a permission question. */
    public static final String TOOL = "approve";

    static final String TOOL_REFERENCE = "mcp__" + SERVER + "__" + TOOL;
    private static final ObjectMapper JSON = Jackson.json();

    private PermissionTool() {}

    /**
     * @param runDir the run's folder, {@code HOME/runs/RUN}: the Baton home is two levels up
     */
    static List<String> claudeArguments(AgentProfile profile, Task task, Path runDir) {
        Path home = runDir.toAbsolutePath().getParent().getParent();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.baton.cli.Main");
        command.addAll(List.of(
                "mcp-permissions",
                "--home",
                home.toString(),
                "--task",
                task.id().value(),
                "--run",
                runDir.getFileName().toString(),
                "--safety",
                profile.safety().wireName()));
        Map<String, Object> config = Map.of(
                "mcpServers",
                Map.of(
                        SERVER,
                        Map.of(
                                "type",
                                "stdio",
                                "command",
                                command.getFirst(),
                                "args",
                                command.subList(1, command.size()))));
        try {
            return List.of("--mcp-config", JSON.writeValueAsString(config), "--permission-prompt-tool", TOOL_REFERENCE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
