package dev.baton.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.baton.format.Jackson;

/**
 * JSON for scripts, indented for people; the shapes are the records of {@code dev.baton.view}, the
 * same the server answers with.
 */
final class Json {
    private static final ObjectWriter MAPPER = Jackson.json().writerWithDefaultPrettyPrinter();

    private Json() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
