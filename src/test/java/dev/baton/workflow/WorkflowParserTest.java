package dev.baton.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkflowParserTest {

    static String resource(String name) throws IOException {
        try (InputStream in = WorkflowParserTest.class.getResourceAsStream("/workflows/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsTheSeedWorkflowAsWritten() throws IOException {
        Workflow workflow = WorkflowParser.parse("deploy.yaml", resource("seed-deploy-application.yaml"));

        assertThat(workflow.name()).isEqualTo("deploy-application");
        assertThat(workflow.version()).isEqualTo("1.0");
        assertThat(workflow.agents())
                .extracting(WorkflowAgent::id)
                .containsExactly("frontend-builder", "backend-builder", "tester", "deployer");
        assertThat(workflow.agent("deployer").capabilities()).containsExactlyInAnyOrder("docker", "k8s");
        assertThat(workflow.agent("tester").type()).isEqualTo("worker");
        assertThat(workflow.stages()).extracting(Stage::name).containsExactly("build", "test", "deploy");

        Stage build = workflow.stage("build");
        assertThat(build.parallel()).isTrue();
        assertThat(build.tasks()).extracting(WorkflowTask::id).containsExactly("build-1", "build-2");
        assertThat(build.tasks().getFirst().command()).isEqualTo("npm run build:frontend");
        assertThat(build.tasks().getFirst().timeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(build.tasks().getFirst().agent()).isEqualTo("frontend-builder");

        assertThat(workflow.stage("test").dependsOn()).containsExactly("build");
        assertThat(workflow.stage("test").tasks().getFirst().continueOnError()).isFalse();
        WorkflowTask deploy = workflow.stage("deploy").tasks().getFirst();
        assertThat(deploy.id()).isEqualTo("deploy");
        assertThat(deploy.requiresApproval()).isTrue();
        assertThat(workflow.directDependencies("test")).containsExactly("build-1", "build-2");
        assertThat(workflow.upstream("deploy")).containsExactlyInAnyOrder("test", "build-1", "build-2");
    }

    @Test
    void readsEveryTaskField() {
        Workflow workflow = WorkflowParser.parse("w.yaml", """
                name: all-fields
                stages:
                  - name: one
                    tasks:
                      - id: first
                        capabilities: [shell, git]
                        prompt: Write the changelog
                        timeout: 5m
                        retries: 2
                        continueOnError: true
                      - id: second
                        command: echo "{{ tasks.first.result }}"
                        timeout: 30s
                """);
        WorkflowTask first = workflow.stage("one").tasks().getFirst();
        assertThat(first.capabilities()).containsExactlyInAnyOrder("shell", "git");
        assertThat(first.prompt()).isEqualTo("Write the changelog");
        assertThat(first.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(first.retries()).isEqualTo(2);
        assertThat(first.continueOnError()).isTrue();
        assertThat(workflow.stage("one").tasks().get(1).timeout()).isEqualTo(Duration.ofSeconds(30));
        // not parallel: the second task waits for the first
        assertThat(workflow.directDependencies("second")).containsExactly("first");
    }

    @Test
    void unknownAgentNamesItsLine() {
        assertThatThrownBy(() -> WorkflowParser.parse("w.yaml", """
                        name: w
                        agents:
                          - id: builder
                        stages:
                          - name: build
                            tasks:
                              - agent: tester
                                command: make
                        """))
                .isInstanceOf(InvalidWorkflowException.class)
                .hasMessageStartingWith("w.yaml:7: field 'agent': unknown agent 'tester'");
    }

    @Test
    void unknownStageNamesItsLine() {
        assertThatThrownBy(() -> WorkflowParser.parse("w.yaml", """
                        name: w
                        stages:
                          - name: build
                            tasks:
                              - command: make
                          - name: test
                            dependsOn: [biuld]
                            tasks:
                              - command: make test
                        """))
                .hasMessageStartingWith("w.yaml:7: field 'dependsOn': unknown stage 'biuld'");
    }

    @Test
    void cycleNamesALineAndTheCycle() {
        assertThatThrownBy(() -> WorkflowParser.parse("w.yaml", """
                        name: w
                        stages:
                          - name: a
                            dependsOn: c
                            tasks: [{command: "true"}]
                          - name: b
                            dependsOn: a
                            tasks: [{command: "true"}]
                          - name: c
                            dependsOn: b
                            tasks: [{command: "true"}]
                        """))
                .isInstanceOf(InvalidWorkflowException.class)
                .hasMessageContaining("field 'dependsOn'")
                .hasMessageContaining("cycle: a -> c -> b -> a")
                .hasMessageMatching("w\\.yaml:(4|7|10): .*");
    }

    @Test
    void badDurationNamesItsLine() {
        assertThatThrownBy(() -> WorkflowParser.parse("w.yaml", """
                        name: w
                        stages:
                          - name: build
                            tasks:
                              - command: make
                                timeout: 5 minutes
                        """))
                .hasMessageStartingWith("w.yaml:6: field 'timeout': '5 minutes' is not a duration");
    }

    @Test
    void resultOfATaskThatIsNotUpstreamIsRefused() {
        assertThatThrownBy(() -> WorkflowParser.parse("w.yaml", """
                        name: w
                        stages:
                          - name: a
                            tasks:
                              - id: produce
                                command: echo hi
                          - name: b
                            tasks:
                              - command: echo "{{ tasks.produce.result }}"
                        """))
                .hasMessageStartingWith("w.yaml:9: field 'command': uses the result of task 'produce'")
                .hasMessageContaining("make stage 'b' depend on stage 'a'");
        assertThatThrownBy(() -> WorkflowParser.parse("w.yaml", """
                        name: w
                        stages:
                          - name: a
                            tasks:
                              - command: echo "{{ tasks.nothing.result }}"
                        """))
                .hasMessageStartingWith("w.yaml:5: field 'command': '{{ tasks.nothing.result }}' names no task");
    }

    @Test
    void unknownFieldsAndMissingTextAreRefused() {
        assertThatThrownBy(() -> WorkflowParser.parse("w.yaml", """
                        name: w
                        stages:
                          - name: a
                            tasks:
                              - comand: make
                        """))
                .hasMessageStartingWith("w.yaml:5: field 'comand': unknown field in a task");
        assertThatThrownBy(() -> WorkflowParser.parse("w.yaml", """
                        name: w
                        stages:
                          - name: a
                            tasks:
                              - timeout: 10
                        """))
                .hasMessageStartingWith("w.yaml:5: the task has neither 'command' nor 'prompt'");
        assertThatThrownBy(() -> WorkflowParser.parse("w.yaml", "name: w\nstages:\n  - name: a\n    tasks: [\n"))
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void flagsAreTrueOrFalseAndYesIsRefusedWithTheYaml12Reason() {
        assertThatThrownBy(() -> WorkflowParser.parse("w.yaml", """
                        name: w
                        stages:
                          - name: a
                            tasks:
                              - command: make
                                continueOnError: yes
                        """))
                .hasMessage("w.yaml:6: field 'continueOnError': write true or false, not 'yes' (YAML 1.2, which"
                        + " Baton reads, takes yes, no, on and off as text)");
    }

    @Test
    void customTagsAndAliasBombsAreRefusedOnTheirLine() {
        assertThatThrownBy(() -> WorkflowParser.parse(
                        "w.yaml", "name: w\nstages:\n  - name: a\n    tasks: !!python/object [x]\n"))
                .hasMessageStartingWith("w.yaml:4: field 'stages': the YAML tag")
                .hasMessageContaining("is not allowed");
        StringBuilder bomb = new StringBuilder("name: &a [lol, lol, lol]\n");
        for (char level = 'b'; level <= 'i'; level++) {
            char previous = (char) (level - 1);
            bomb.append(level).append(": &").append(level).append(" [");
            bomb.append(("*" + previous + ", ").repeat(8))
                    .append('*')
                    .append(previous)
                    .append("]\n");
        }
        assertThatThrownBy(() -> WorkflowParser.parse("w.yaml", bomb.toString()))
                .hasMessageStartingWith("w.yaml:1: the workflow uses more than 20 aliases");
    }

    @Test
    void builderMakesTheSameWorkflowAsYaml() throws IOException {
        Workflow built = Workflow.builder("deploy-application")
                .version("1.0")
                .agent("frontend-builder", a -> a.type("specialist").capabilities("react", "webpack"))
                .agent("backend-builder", a -> a.type("specialist").capabilities("node", "typescript"))
                .agent("tester", a -> a.type("worker").capabilities("jest", "cypress"))
                .agent("deployer", a -> a.type("specialist").capabilities("docker", "k8s"))
                .stage("build", s -> s.parallel(true)
                        .task(t -> t.agent("frontend-builder")
                                .command("npm run build:frontend")
                                .timeout("300"))
                        .task(t -> t.agent("backend-builder")
                                .command("npm run build:backend")
                                .timeout("300")))
                .stage("test", s -> s.dependsOn("build")
                        .task(t -> t.agent("tester").command("npm run test:all").continueOnError(false)))
                .stage("deploy", s -> s.dependsOn("test").task(t -> t.agent("deployer")
                        .command("./scripts/deploy.sh")
                        .requiresApproval(true)))
                .build();

        assertThat(built).isEqualTo(WorkflowParser.parse("deploy.yaml", resource("seed-deploy-application.yaml")));
    }

    @Test
    void builderValidatesToo() {
        assertThatThrownBy(() -> Workflow.builder("w")
                        .stage("a", s -> s.dependsOn("b").task(t -> t.command("true")))
                        .stage("b", s -> s.dependsOn("a").task(t -> t.command("true")))
                        .build())
                .isInstanceOf(InvalidWorkflowException.class)
                .hasMessageContaining("cycle");
    }
}
