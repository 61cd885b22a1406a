package dev.baton.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.InvalidInputException;
import dev.baton.core.RunResult;
import dev.baton.core.StoreException;
import dev.baton.core.TaskId;
import dev.baton.core.TaskMode;
import dev.baton.core.TaskSpec;
import dev.baton.core.Usage;
import dev.baton.format.Jackson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes and reads the JSON columns: task specs, run results and event data.
 *
 * <p>The stored shapes are private records here rather than the core records themselves, so that
 * renaming a field in the domain cannot silently change what is on disk. Free-form maps
 * ({@code TaskSpec.extra}, event data) come back as Jackson reads JSON: strings, booleans, nulls,
 * {@code Integer} when a whole number fits (else {@code Long} or {@code BigInteger}), {@code Double}
 * for fractions, {@code ArrayList} and {@code LinkedHashMap} — the same value types {@code
 * format.YamlValues} makes of a task file's fields (its lists and maps are equal ones), so such
 * values round-trip unchanged.
 *
 * <p>Thread-safe.
 */
public final class StoreJson {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    /** How many parsed specs {@link #readSpec} keeps, and the longest it keeps (a few MB at most). */
    private static final int RECENT_SPECS = 512;

    private static final int MAX_REMEMBERED_SPEC_CHARS = 8192;

    private final Map<String, TaskSpec> recentSpecs = new ConcurrentHashMap<>();

    /** The JSON of recently written or read specs: a task update writes its unchanged spec again. */
    private final Map<TaskSpec, String> recentSpecJson = new ConcurrentHashMap<>();

    /** Parsed run results by their JSON; most runs are stored with an empty result at first. */
    private final Map<String, RunResult> recentResults = new ConcurrentHashMap<>();

    private final Map<RunResult, String> recentResultJson = new ConcurrentHashMap<>();

    /** java.time as ISO text, unknown properties ignored: older code reads newer rows. */
    private final ObjectMapper mapper = Jackson.json();

    /** The stored shape of a {@link TaskSpec}; {@code timeout} is ISO-8601 ({@code PT30M}). */
    private record SpecDoc(
            String title,
            String prompt,
            String type,
            int priority,
            List<String> requires,
            String preferredAgent,
            String timeout,
            List<String> dependsOn,
            String mode,
            List<String> tags,
            String modelHint,
            Long estimatedTokens,
            String repo,
            String baseBranch,
            int maxRetries,
            Map<String, Object> extra,
            String source,
            String followUpOf,
            Boolean requiresApproval,
            List<String> verify) {

        /** The components by name, in their order: what Jackson writes for the record. */
        Map<String, Object> fields() {
            Map<String, Object> fields = new java.util.LinkedHashMap<>(32);
            fields.put("title", title);
            fields.put("prompt", prompt);
            fields.put("type", type);
            fields.put("priority", priority);
            fields.put("requires", requires);
            fields.put("preferredAgent", preferredAgent);
            fields.put("timeout", timeout);
            fields.put("dependsOn", dependsOn);
            fields.put("mode", mode);
            fields.put("tags", tags);
            fields.put("modelHint", modelHint);
            fields.put("estimatedTokens", estimatedTokens);
            fields.put("repo", repo);
            fields.put("baseBranch", baseBranch);
            fields.put("maxRetries", maxRetries);
            fields.put("extra", extra);
            fields.put("source", source);
            fields.put("followUpOf", followUpOf);
            fields.put("requiresApproval", requiresApproval);
            fields.put("verify", verify);
            return fields;
        }
    }

    private record ResultDoc(
            List<String> commits,
            int filesChanged,
            int insertions,
            int deletions,
            String summary,
            String sessionId,
            UsageDoc usage) {}

    private record UsageDoc(long input, long output, long cached, Double costUsd) {}

    /**
     * The spec's JSON; the same for equal specs, so a recently seen spec is not written again. A
     * spec without extra fields reads back equal to itself (the spec's constructor has already made
     * it canonical), so it is remembered as the JSON's reading too: the task just inserted is not
     * parsed again when it is read back. Extra fields are parsed: JSON may change their types
     * ({@code 5L} reads back as an {@code Integer}).
     */
    public String writeSpec(TaskSpec spec) {
        String known = recentSpecJson.get(spec);
        if (known != null) return known;
        String json = serializeSpec(spec);
        remember(json, spec);
        if (spec.extra().isEmpty()) rememberReading(json, spec);
        return json;
    }

    private String serializeSpec(TaskSpec spec) {
        SpecDoc doc = specDoc(spec);
        String json = JsonText.of(doc.fields());
        return json != null ? json : writeWithMapper(doc);
    }

    /** The spec as the Jackson mapper writes it (for values {@link JsonText} leaves to it, and tests). */
    String writeSpecWithMapper(TaskSpec spec) {
        return writeWithMapper(specDoc(spec));
    }

    private static SpecDoc specDoc(TaskSpec spec) {
        return new SpecDoc(
                spec.title(),
                spec.prompt(),
                spec.type(),
                spec.priority(),
                spec.requires().stream().sorted().toList(),
                spec.preferredAgent(),
                spec.timeout().toString(),
                spec.dependsOn().stream().map(TaskId::value).toList(),
                spec.mode().wireName(),
                spec.tags(),
                spec.modelHint(),
                spec.estimatedTokens(),
                spec.repo(),
                spec.baseBranch(),
                spec.maxRetries(),
                spec.extra(),
                spec.source(),
                spec.followUpOf() == null ? null : spec.followUpOf().value(),
                spec.requiresApproval() ? Boolean.TRUE : null,
                spec.verify().isEmpty() ? null : spec.verify());
    }

    private String writeWithMapper(SpecDoc doc) {
        try {
            return mapper.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(
                    "the task's extra fields cannot be stored as JSON (" + e.getOriginalMessage()
                            + "); use only text, numbers, booleans, lists and maps",
                    e);
        }
    }

    /**
     * The spec stored as {@code json}, parsed once while it is among the recently read ones: the
     * dispatcher reads the head of the queue on every pass, and a task is read back after each of
     * its updates, so the same few specs are read again and again. Specs are immutable.
     */
    public TaskSpec readSpec(String json) {
        TaskSpec known = recentSpecs.get(json);
        if (known != null) return known;
        TaskSpec spec = parseSpec(json);
        rememberReading(json, spec);
        remember(json, spec);
        return spec;
    }

    private void rememberReading(String json, TaskSpec spec) {
        if (json.length() > MAX_REMEMBERED_SPEC_CHARS) return;
        if (recentSpecs.size() >= RECENT_SPECS) recentSpecs.clear();
        recentSpecs.put(json, spec);
    }

    private void remember(String json, TaskSpec spec) {
        if (json.length() > MAX_REMEMBERED_SPEC_CHARS) return;
        if (recentSpecJson.size() >= RECENT_SPECS) recentSpecJson.clear();
        recentSpecJson.put(spec, json);
    }

    private TaskSpec parseSpec(String json) {
        SpecDoc doc = read(json, SpecDoc.class, "task spec");
        return new TaskSpec(
                doc.title(),
                doc.prompt(),
                doc.type(),
                doc.priority(),
                doc.requires() == null ? null : java.util.Set.copyOf(doc.requires()),
                doc.preferredAgent(),
                doc.timeout() == null ? null : Duration.parse(doc.timeout()),
                doc.dependsOn() == null
                        ? null
                        : doc.dependsOn().stream().map(TaskId::new).toList(),
                doc.mode() == null ? null : TaskMode.fromWire(doc.mode()),
                doc.tags(),
                doc.modelHint(),
                doc.estimatedTokens(),
                doc.repo(),
                doc.baseBranch(),
                doc.maxRetries(),
                doc.extra(),
                doc.source(),
                doc.followUpOf() == null ? null : TaskId.of(doc.followUpOf()),
                Boolean.TRUE.equals(doc.requiresApproval()),
                doc.verify());
    }

    /** The result's JSON; a run is updated several times with the same (often empty) result. */
    public String writeResult(RunResult result) {
        String known = recentResultJson.get(result);
        if (known != null) return known;
        String json = serializeResult(result);
        if (json.length() <= MAX_REMEMBERED_SPEC_CHARS) {
            if (recentResultJson.size() >= RECENT_SPECS) recentResultJson.clear();
            recentResultJson.put(result, json);
        }
        return json;
    }

    private String serializeResult(RunResult result) {
        Usage usage = result.usage();
        ResultDoc doc = new ResultDoc(
                result.commits(),
                result.filesChanged(),
                result.insertions(),
                result.deletions(),
                result.summary(),
                result.sessionId(),
                usage.equals(Usage.NONE)
                        ? null
                        : new UsageDoc(
                                usage.inputTokens(), usage.outputTokens(), usage.cachedTokens(), usage.costUsd()));
        return write(doc, "run result");
    }

    public RunResult readResult(String json) {
        RunResult known = recentResults.get(json);
        if (known != null) return known;
        RunResult result = parseResult(json);
        if (json.length() <= MAX_REMEMBERED_SPEC_CHARS) {
            if (recentResults.size() >= RECENT_SPECS) recentResults.clear();
            recentResults.put(json, result);
        }
        return result;
    }

    private RunResult parseResult(String json) {
        ResultDoc doc = read(json, ResultDoc.class, "run result");
        Usage usage = doc.usage() == null
                ? Usage.NONE
                : new Usage(
                        doc.usage().input(),
                        doc.usage().output(),
                        doc.usage().cached(),
                        doc.usage().costUsd());
        return new RunResult(
                doc.commits(),
                doc.filesChanged(),
                doc.insertions(),
                doc.deletions(),
                doc.summary(),
                doc.sessionId(),
                usage);
    }

    public String writeData(Map<String, Object> data) {
        String json = JsonText.of(data);
        return json != null ? json : write(data, "event data");
    }

    /** Event data as the Jackson mapper writes it (for tests). */
    String writeDataWithMapper(Map<String, Object> data) {
        return write(data, "event data");
    }

    public Map<String, Object> readData(String json) {
        try {
            return mapper.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw unreadable("event data", e);
        }
    }

    private String write(Object value, String what) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // Only code builds run results and event data, so this is a programming error.
            throw new IllegalArgumentException(what + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private <T> T read(String json, Class<T> type, String what) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw unreadable(what, e);
        }
    }

    private static StoreException unreadable(String what, JsonProcessingException e) {
        return new StoreException(
                "stored " + what + " is not valid JSON (" + e.getOriginalMessage()
                        + "); the database was changed by something other than Baton",
                e);
    }
}
