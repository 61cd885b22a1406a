package dev.baton.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.agent.llm.LlmQuestion;
import dev.baton.core.AgentProfile;
import dev.baton.core.BatonException;
import dev.baton.core.TaskSpec;
import dev.baton.format.Jackson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans with an {@code llm-api} agent: asks for a JSON plan, then parses and validates it like any
 * untrusted input. A failed call or an unusable answer is an error, never a made-up plan.
 * Stateless.
 */
public final class LlmPlanner {
    private static final ObjectMapper JSON = Jackson.json();
    static final String SYSTEM = """
            You plan software work for a team of coding agents. Break the requirement into the smallest \
            set of tasks that each one agent can do in one sitting. Answer with JSON only, no prose, \
            in exactly this shape:
            {"confidence": 0.0-1.0, "tasks": [{"id": "short-id", "title": "one line", \
            "prompt": "what the agent must do, self-contained", \
            "type": "bug|feature|test|docs|refactor|general", "dependsOn": ["ids of earlier tasks"], \
            "confidence": 0.0-1.0}]}
            confidence is how sure you are that the plan covers the requirement as meant; use less than \
            0.6 when the requirement is ambiguous. List tasks in the order they can be done.""";

    private LlmPlanner() {}

    /** Asks the agent's model; {@code baseEnv} is Baton's environment, under the agent's own env. */
    public static Plan plan(String requirement, AgentProfile agent, Map<String, String> baseEnv) {
        Map<String, String> env = new HashMap<>(baseEnv);
        env.putAll(agent.env());
        String answer = LlmQuestion.ask(env, SYSTEM, "Requirement:\n\n" + requirement.strip());
        return parse(requirement, "llm:" + agent.name(), answer);
    }

    /** Reads a model's answer into a plan; throws {@link InvalidPlanException} saying what was wrong. */
    static Plan parse(String requirement, String method, String answer) {
        try {
            JsonNode root = JSON.readTree(jsonPart(answer));
            if (root == null || !root.isObject()) throw problem("the answer is not a JSON object", answer);
            JsonNode tasksNode = root.path("tasks");
            if (!tasksNode.isArray() || tasksNode.isEmpty()) throw problem("it has no 'tasks' list", answer);
            double confidence = number(root.path("confidence"), "confidence", answer);
            List<PlannedTask> tasks = new ArrayList<>();
            int index = 0;
            for (JsonNode node : tasksNode) {
                index++;
                String id = text(node, "id", "p" + index);
                String title = text(node, "title", null);
                String prompt = text(node, "prompt", title);
                List<String> dependsOn = new ArrayList<>();
                JsonNode deps = node.path("dependsOn");
                if (deps.isTextual()) dependsOn.add(deps.asText());
                else if (deps.isArray()) deps.forEach(d -> dependsOn.add(d.asText()));
                else if (!deps.isMissingNode() && !deps.isNull())
                    throw problem("task " + id + ": 'dependsOn' is not a list", answer);
                double taskConfidence = node.has("confidence")
                        ? number(node.get("confidence"), "confidence of task " + id, answer)
                        : confidence;
                String type = text(node, "type", "general");
                if (!type.matches("[A-Za-z-]{1,20}"))
                    throw problem("task " + id + " has the type '" + type + "'", answer);
                String why = "proposed by the model";
                if (type.equalsIgnoreCase(TaskSpec.SHELL_TYPE)) {
                    // A model's text is prose for a coding agent; as a shell task sh would run it.
                    type = "general";
                    why += " (typed 'shell', planned as 'general': planned tasks go to coding agents)";
                }
                tasks.add(new PlannedTask(id, title, prompt, type, dependsOn, taskConfidence, why));
            }
            return new Plan(requirement, method, confidence, Plan.dependenciesFirst(tasks));
        } catch (JsonProcessingException e) {
            throw problem("the answer is not valid JSON (" + e.getOriginalMessage() + ")", answer);
        } catch (InvalidPlanException e) {
            throw e;
        } catch (BatonException e) {
            throw problem(e.getMessage(), answer);
        }
    }

    /** The JSON in an answer that may wrap it in a code fence or a sentence. */
    private static String jsonPart(String answer) {
        if (answer == null) return "";
        int start = answer.indexOf('{');
        int end = answer.lastIndexOf('}');
        return start >= 0 && end > start ? answer.substring(start, end + 1) : answer;
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText() : fallback;
    }

    private static double number(JsonNode node, String what, String answer) {
        if (node == null || !node.isNumber()) throw problem("'" + what + "' is missing or not a number", answer);
        return node.asDouble();
    }

    private static InvalidPlanException problem(String what, String answer) {
        String start = answer == null ? "" : answer.strip();
        if (start.length() > 200) start = start.substring(0, 197) + "...";
        return new InvalidPlanException("the model's plan cannot be used: " + what + ". Its answer began: " + start
                + " — ask again, or plan with --heuristic");
    }
}
