package dev.baton.workflow;

import dev.baton.core.Durations;
import dev.baton.core.InvalidInputException;
import dev.baton.format.YamlDocument;
import dev.baton.format.YamlException;
import dev.baton.format.YamlReader;
import dev.baton.format.YamlValues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads workflow YAML into a {@link Workflow}, through Baton's one {@link YamlReader} (YAML 1.2 types,
 * no custom tags, alias and size limits); every error names the file, the line and the field: {@code
 * release.yaml:12: field 'agent': unknown agent 'tester' ...}. Flags are {@code true} or {@code
 * false}; {@code yes} and {@code no} are refused with a message that says so. Stateless and
 * thread-safe: each call has its own parse.
 */
public final class WorkflowParser {
    private static final int MAX_CHARS = 1_000_000;
    private static final Set<String> TOP_FIELDS = Set.of("name", "version", "description", "agents", "stages");
    private static final Set<String> AGENT_FIELDS = Set.of("id", "type", "capabilities");
    private static final Set<String> STAGE_FIELDS = Set.of("name", "parallel", "dependsOn", "tasks");
    private static final Set<String> TASK_FIELDS = Set.of(
            "id",
            "agent",
            "capabilities",
            "prompt",
            "command",
            "timeout",
            "retries",
            "continueOnError",
            "requiresApproval");

    private WorkflowParser() {}

    public static Workflow parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the workflow file " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), text);
    }

    /** Parses YAML text; {@code fileName} is only used in error messages. */
    public static Workflow parse(String fileName, String yaml) {
        return new Reading(fileName).workflow(compose(fileName, yaml));
    }

    private static Node compose(String fileName, String yaml) {
        YamlDocument document;
        try {
            document = new YamlReader("the workflow", MAX_CHARS).read(yaml);
        } catch (YamlException e) {
            throw new InvalidWorkflowException(fileName, e.line(), Where.top(e.field()), e.problem());
        }
        if (document.isEmpty()) {
            throw new InvalidWorkflowException(fileName, 1, Where.top(null), "the file is empty; see examples/");
        }
        return document.root();
    }

    /** One parse: remembers the line of every field so later validation errors can name it. */
    private static final class Reading {
        private final String file;
        private final Map<Where, Integer> lines = new HashMap<>();

        Reading(String file) {
            this.file = file;
        }

        Workflow workflow(Node root) {
            Map<String, Node> fields = mapping(root, Where.top(null), TOP_FIELDS, "the workflow");
            String name = text(fields.get("name"), Where.top("name"));
            String version = text(fields.get("version"), Where.top("version"));
            List<WorkflowAgent> agents = new ArrayList<>();
            for (Node item : list(fields.get("agents"), Where.top("agents"))) {
                agents.add(agent(item));
            }
            Node stagesNode = fields.get("stages");
            if (stagesNode == null) {
                throw error(root, Where.top("stages"), "is missing; a workflow needs at least one stage");
            }
            List<Stage> stages = new ArrayList<>();
            for (Node item : list(stagesNode, Where.top("stages"))) {
                stages.add(stage(item));
            }
            try {
                return new Workflow(name, version, agents, stages);
            } catch (InvalidWorkflowException e) {
                throw located(e, root);
            }
        }

        private WorkflowAgent agent(Node node) {
            Map<String, Node> fields = mapping(node, Where.top("agents"), AGENT_FIELDS, "an agent");
            String id = text(fields.get("id"), Where.top("agents"));
            remember(fields, node, f -> Where.agent(id, f));
            Set<String> capabilities = words(fields.get("capabilities"), Where.agent(id, "capabilities"));
            try {
                return new WorkflowAgent(id, text(fields.get("type"), Where.agent(id, "type")), capabilities);
            } catch (InvalidWorkflowException e) {
                throw located(e, node);
            }
        }

        private Stage stage(Node node) {
            Map<String, Node> fields = mapping(node, Where.top("stages"), STAGE_FIELDS, "a stage");
            String name = text(fields.get("name"), Where.top("stages"));
            remember(fields, node, f -> Where.stage(name, f));
            boolean parallel = flag(fields.get("parallel"), Where.stage(name, "parallel"));
            List<String> dependsOn = List.copyOf(words(fields.get("dependsOn"), Where.stage(name, "dependsOn")));
            List<Node> taskNodes = list(fields.get("tasks"), Where.stage(name, "tasks"));
            List<WorkflowTask> tasks = new ArrayList<>();
            for (int i = 0; i < taskNodes.size(); i++) {
                tasks.add(task(taskNodes.get(i), name, Stage.defaultTaskId(name, taskNodes.size(), i)));
            }
            try {
                return new Stage(name, parallel, dependsOn, tasks);
            } catch (InvalidWorkflowException e) {
                throw located(e, node);
            }
        }

        private WorkflowTask task(Node node, String stage, String defaultId) {
            Map<String, Node> fields = mapping(node, Where.stage(stage, "tasks"), TASK_FIELDS, "a task");
            String given = text(fields.get("id"), Where.task(stage, defaultId, "id"));
            String id = given == null ? defaultId : given;
            remember(fields, node, f -> Where.task(stage, id, f));
            Duration timeout = duration(fields.get("timeout"), Where.task(stage, id, "timeout"));
            int retries = number(fields.get("retries"), Where.task(stage, id, "retries"));
            try {
                return new WorkflowTask(
                        given,
                        text(fields.get("agent"), Where.task(stage, id, "agent")),
                        words(fields.get("capabilities"), Where.task(stage, id, "capabilities")),
                        text(fields.get("prompt"), Where.task(stage, id, "prompt")),
                        text(fields.get("command"), Where.task(stage, id, "command")),
                        timeout,
                        retries,
                        flag(fields.get("continueOnError"), Where.task(stage, id, "continueOnError")),
                        flag(fields.get("requiresApproval"), Where.task(stage, id, "requiresApproval")));
            } catch (InvalidWorkflowException e) {
                // The task record does not know its stage or its default id.
                Where inStage = new Where(stage, id, null, e.where().field());
                throw located(new InvalidWorkflowException(inStage, e.problem()), node);
            }
        }

        private void remember(Map<String, Node> fields, Node item, java.util.function.Function<String, Where> where) {
            lines.put(where.apply(null), item.getStartMark().getLine() + 1);
            fields.forEach((field, value) ->
                    lines.put(where.apply(field), value.getStartMark().getLine() + 1));
        }

        /** The exception with the line of the field it names, or of {@code fallback}. */
        private InvalidWorkflowException located(InvalidWorkflowException e, Node fallback) {
            Where where = e.where();
            Integer line = lines.get(where);
            if (line == null) line = lines.get(new Where(where.stage(), where.task(), where.agent(), null));
            if (line == null) line = fallback.getStartMark().getLine() + 1;
            return new InvalidWorkflowException(file, line, where, e.problem());
        }

        private InvalidWorkflowException error(Node node, Where where, String problem) {
            return new InvalidWorkflowException(file, node.getStartMark().getLine() + 1, where, problem);
        }

        private Map<String, Node> mapping(Node node, Where where, Set<String> known, String what) {
            if (!(node instanceof MappingNode mapping)) {
                throw error(node, where, what + " must be 'field: value' lines, not " + describe(node));
            }
            Map<String, Node> fields = new java.util.LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    throw error(tuple.getKeyNode(), where, "a field name must be plain text");
                }
                Where at = new Where(where.stage(), where.task(), where.agent(), key.getValue());
                if (!known.contains(key.getValue())) {
                    throw error(
                            key,
                            at,
                            "unknown field in " + what + "; the fields are "
                                    + known.stream().sorted().toList());
                }
                if (fields.put(key.getValue(), tuple.getValueNode()) != null) {
                    throw error(key, at, "the field appears twice; keep one of them");
                }
            }
            return fields;
        }

        private List<Node> list(Node node, Where where) {
            if (node == null || isNull(node)) return List.of();
            if (!(node instanceof SequenceNode sequence)) {
                throw error(node, where, "must be a list ('- ...' lines), not " + describe(node));
            }
            return sequence.getValue();
        }

        private String text(Node node, Where where) {
            if (node == null || isNull(node)) return null;
            if (!(node instanceof ScalarNode scalar)) {
                throw error(node, where, "must be a single value, not " + describe(node));
            }
            return scalar.getValue();
        }

        /** A list of words, or one word: {@code [a, b]}, {@code a}. */
        private Set<String> words(Node node, Where where) {
            Set<String> out = new LinkedHashSet<>();
            if (node == null || isNull(node)) return out;
            if (node instanceof ScalarNode scalar) {
                out.add(scalar.getValue().strip());
                return out;
            }
            for (Node item : list(node, where)) {
                String word = text(item, where);
                if (word == null || word.isBlank()) throw error(item, where, "has an empty entry; remove it");
                out.add(word.strip());
            }
            return out;
        }

        private boolean flag(Node node, Where where) {
            String value = text(node, where);
            if (value == null) return false;
            Boolean flag = YamlValues.bool((ScalarNode) node);
            if (flag == null) throw error(node, where, YamlValues.notABoolean(value));
            return flag;
        }

        private int number(Node node, Where where) {
            String value = text(node, where);
            if (value == null) return 0;
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw error(node, where, "'" + value + "' is not a whole number");
            }
        }

        private Duration duration(Node node, Where where) {
            String value = text(node, where);
            if (value == null) return null;
            try {
                return Durations.parse(value);
            } catch (InvalidInputException e) {
                throw error(node, where, e.getMessage());
            }
        }

        private static boolean isNull(Node node) {
            return YamlValues.isNull(node);
        }

        private static String describe(Node node) {
            if (node instanceof SequenceNode) return "a list";
            if (node instanceof MappingNode) return "a mapping";
            return "'" + ((ScalarNode) node).getValue() + "'";
        }
    }
}
