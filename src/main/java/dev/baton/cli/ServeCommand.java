package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.core.InvalidInputException;
import dev.baton.engine.Engine;
import dev.baton.engine.EngineConfig;
import dev.baton.server.BatonServer;
import dev.baton.server.EngineControl;
import dev.baton.server.ServerConfig;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "serve",
        description = "Run the engine, the REST/WebSocket API and the dashboard in one process (Ctrl-C stops it).",
        footer = {
            "",
            "On 127.0.0.1 (the default) requests without a token act as you. Any other address needs API tokens:",
            "  baton token create --scope admin",
            "then open the dashboard once as http://HOST:PORT/?token=TOKEN, or send 'Authorization: Bearer TOKEN'."
        })
final class ServeCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on (default 127.0.0.1)")
    String host = ServerConfig.DEFAULT_HOST;

    @Option(names = "--port", paramLabel = "PORT", description = "Port (default 7070; 0 picks a free one)")
    int port = ServerConfig.DEFAULT_PORT;

    @Option(
            names = "--cors-origin",
            paramLabel = "ORIGIN",
            split = ",",
            description = "Origins whose pages may call the API, e.g. https://ops.example.com")
    List<String> corsOrigins = List.of();

    @Option(
            names = "--rate-limit",
            paramLabel = "N",
            description = "Requests a minute per token or address (default 1200)")
    int rateLimit = ServerConfig.defaults().requestsPerMinute();

    @Option(names = "--require-token", description = "Require a token even on 127.0.0.1")
    boolean requireToken;

    @Option(names = "--max-runs", paramLabel = "N", description = "Runs at once (default 8)")
    int maxRuns = EngineConfig.defaults().maxConcurrentRuns();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (maxRuns < 1 || maxRuns > 10_000) throw new InvalidInputException("--max-runs must be between 1 and 10000");
        ServerConfig config = ServerConfig.defaults()
                .withHost(host)
                .withPort(port)
                .withCorsOrigins(corsOrigins)
                .withRequestsPerMinute(rateLimit)
                .withRequireTokens(requireToken);
        EngineConfig engineConfig = EngineConfig.defaults().withMaxConcurrentRuns(maxRuns);
        var out = spec.commandLine().getOut();
        try (Baton baton = home.open(engineConfig)) {
            Engine engine = baton.engine(engineConfig);
            BatonServer server = BatonServer.start(baton, EngineControl.of(engine), config);
            engine.start();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                engine.close();
                stopped.countDown();
            }));
            out.println("Baton serving " + baton.home().root() + " at " + server.url() + " (Ctrl-C to stop)");
            out.flush();
            stopped.await();
        }
        return Main.OK;
    }
}
