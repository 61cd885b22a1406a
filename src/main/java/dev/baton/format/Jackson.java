package dev.baton.format;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one Jackson configuration Baton uses, for everything it writes or reads as JSON: the store's
 * columns, the CLI's {@code --json}, the REST API, the agents' streams. java.time values are
 * ISO-8601 text, and unknown properties are ignored when reading into a record (the store's JSON
 * may be newer than the code). Field names are never renamed by the mapper: a view that wants
 * snake_case says so itself (map keys or annotations), so the same mapper serves every view.
 *
 * <p>Thread-safe: the mappers are shared and must not be reconfigured; ask for an {@link
 * com.fasterxml.jackson.databind.ObjectWriter} or {@link com.fasterxml.jackson.databind.ObjectReader}
 * ({@code json().writerWithDefaultPrettyPrinter()}) for a variation.
 */
public final class Jackson {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** For YAML Baton writes (usage exports); YAML it reads goes through {@link YamlReader}. */
    private static final ObjectMapper YAML_WRITER = new ObjectMapper(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .build())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Jackson() {}

    /** The shared JSON mapper. */
    public static ObjectMapper json() {
        return JSON;
    }

    /**
     * The shared mapper for writing YAML: no {@code ---} document marker (the caller writes the
     * frontmatter fences) and quotes only where YAML needs them.
     */
    public static ObjectMapper yamlWriter() {
        return YAML_WRITER;
    }
}
