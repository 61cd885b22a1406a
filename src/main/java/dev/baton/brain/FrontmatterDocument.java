package dev.baton.brain;

import dev.baton.core.TaskFileException;
import dev.baton.format.YamlException;
import dev.baton.format.YamlValues;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A markdown file with YAML frontmatter, read generally: the fields as plain Java values (String,
 * Number, Boolean, List, Map) in file order with the line each stands on, and the body. The same
 * safe YAML reading as task files (no custom tags, alias and size limits). Errors name the file,
 * line and field. Used for agent registration files.
 */
public record FrontmatterDocument(Map<String, Object> fields, Map<String, Integer> lines, String body) {

    public FrontmatterDocument {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        lines = Map.copyOf(lines);
    }

    public static FrontmatterDocument parse(String fileName, String content) {
        String text = (content.startsWith("\uFEFF") ? content.substring(1) : content)
                .replace("\r\n", "\n")
                .replace('\r', '\n');
        if (text.length() > TaskFileParser.MAX_FILE_BYTES) {
            throw new TaskFileException(fileName, 1, null, "the file is larger than 1 MiB");
        }
        TaskFileSections sections = TaskFileSections.split(fileName, text);
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        if (sections.hasFrontmatter()) {
            FrontmatterSource where = new FrontmatterSource(fileName, sections.frontmatterFirstLine());
            try {
                YamlFrontmatter.Block read =
                        YamlFrontmatter.read(where, sections.frontmatter(), TaskFileParser.MAX_FILE_BYTES);
                YamlValues.Budget budget = new YamlValues.Budget(TaskFileParser.MAX_FILE_BYTES);
                for (YamlFrontmatter.Field field : read.fields()) {
                    fields.put(field.key(), YamlValues.plain(read.document(), field.key(), field.value(), budget));
                    lines.put(field.key(), where.lineOf(field.keyNode()));
                }
            } catch (YamlException e) {
                throw where.error(e);
            }
        }
        return new FrontmatterDocument(fields, lines, sections.body().strip());
    }

    /** The line a field stands on (1 when unknown). */
    public int lineOf(String field) {
        return lines.getOrDefault(field, 1);
    }

    /** An error about a field, naming the file and its line. */
    public TaskFileException error(String fileName, String field, String problem) {
        return new TaskFileException(fileName, lineOf(field), field, problem);
    }
}
