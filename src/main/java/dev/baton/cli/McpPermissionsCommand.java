package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.core.RunId;
import dev.baton.core.SafetyTier;
import dev.baton.core.TaskId;
import dev.baton.gate.ToolPermissions;
import dev.baton.mcp.PermissionServer;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Serves Claude Code's permission questions for one run over MCP on stdin/stdout. Baton starts it
 * through the agent's {@code --mcp-config}; people do not run it.
 */
@Command(name = "mcp-permissions", hidden = true, description = "MCP permission server for one agent run (internal)")
final class McpPermissionsCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Option(names = "--task", required = true)
    String task;

    @Option(names = "--run")
    String run;

    @Option(names = "--safety", defaultValue = "supervised")
    String safety;

    @Option(names = "--timeout", defaultValue = "1h", description = "How long a question waits for a person")
    String timeout;

    @Override
    public Integer call() throws Exception {
        TaskId taskId = TaskId.of(task);
        RunId runId = run == null ? null : new RunId(run);
        SafetyTier tier = SafetyTier.fromWire(safety);
        Duration wait = dev.baton.core.Durations.parse(timeout);
        // Only the store and decisions are needed: no agent discovery, so the CLI's tool starts fast.
        try (Baton baton = Baton.open(
                home.resolve(),
                dev.baton.engine.EngineConfig.defaults(),
                dev.baton.agent.AgentRegistry.commandOnly(1))) {
            ToolPermissions permissions = baton.toolPermissions(Duration.ofMillis(250));
            new PermissionServer((tool, input) -> permissions.ask(taskId, runId, tier, tool, input, wait))
                    .serve(System.in, System.out);
        }
        return Main.OK;
    }
}
