package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.core.Decision;
import dev.baton.core.DecisionStatus;
import dev.baton.core.Durations;
import dev.baton.view.DecisionView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "decisions",
        description =
                "List decisions waiting for you (approve with 'baton approve ID', reject with 'baton reject ID --why ...').")
final class DecisionsCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Option(names = "--all", description = "Answered and expired ones too, with who answered and why")
    boolean all;

    @Option(names = "--json", description = "Print a JSON list")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try (Baton baton = home.open()) {
            List<Decision> decisions = baton.decisions().list(all ? Set.of() : Set.of(DecisionStatus.PENDING), 1000);
            if (json) {
                out.println(Json.write(decisions.stream().map(DecisionView::of).toList()));
                return Main.OK;
            }
            if (decisions.isEmpty()) {
                out.println(all ? "No decisions yet." : "Nothing waits for a decision.");
                return Main.OK;
            }
            Instant now = Instant.now();
            Table table = all
                    ? new Table("ID", "TASK", "KIND", "STATUS", "BY", "WHY", "QUESTION")
                    : new Table("ID", "TASK", "KIND", "AGE", "QUESTION");
            for (Decision d : decisions) {
                if (all) {
                    table.row(
                            d.id(),
                            d.taskId(),
                            d.kind().wireName(),
                            d.status().wireName(),
                            d.answeredBy(),
                            Table.shorten(d.reason() == null ? "" : d.reason(), 30),
                            Table.shorten(d.question(), 70));
                } else {
                    table.row(
                            d.id(),
                            d.taskId(),
                            d.kind().wireName(),
                            Durations.format(Duration.between(d.createdAt(), now)),
                            Table.shorten(d.question(), 90));
                }
            }
            table.print(out);
        }
        return Main.OK;
    }
}
