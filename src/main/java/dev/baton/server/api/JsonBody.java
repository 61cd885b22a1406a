package dev.baton.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.server.ApiError;
import dev.baton.server.BatonServer;
import dev.baton.server.JsonSupport;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A JSON object request body with typed, validated fields; every mistake is a 400 naming the field. */
final class JsonBody {
    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    /** Reads the body as a JSON object that has only {@code allowed} fields. */
    static JsonBody read(Context ctx, Set<String> allowed) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            throw new ApiError(415, "send the body as JSON with 'Content-Type: application/json'");
        }
        byte[] bytes = Bodies.bytes(ctx);
        JsonNode parsed;
        try {
            parsed = JsonSupport.MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw ApiError.badRequest("the body must be a JSON object");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiError.badRequest("unknown field '" + name + "'; known fields: " + new TreeSet<>(allowed));
            }
        }
        return new JsonBody(object);
    }

    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    String string(String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return null;
        if (!value.isTextual()) throw ApiError.badRequest(field + " must be a string");
        String text = value.asText();
        if (text.length() > maxLength) {
            throw ApiError.badRequest(field + " is " + text.length() + " characters; the limit is " + maxLength);
        }
        return text;
    }

    Integer integer(String field, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return null;
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw ApiError.badRequest(field + " must be a whole number from " + min + " to " + max);
        }
        return value.asInt();
    }

    /** A whole number of any size; its range is the caller's rule to check. */
    Integer integer(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return null;
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw ApiError.badRequest(field + " must be a whole number");
        }
        return value.asInt();
    }

    boolean flag(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return false;
        if (!value.isBoolean()) throw ApiError.badRequest(field + " must be true or false");
        return value.asBoolean();
    }

    /** A number, or a string the caller parses (priority: 3 or "high"). */
    String scalar(String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return null;
        if (value.isIntegralNumber()) return value.asText();
        return string(field, maxLength);
    }

    List<String> strings(String field, int maxItems, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return List.of();
        if (!value.isArray()) throw ApiError.badRequest(field + " must be an array of strings");
        if (value.size() > maxItems) throw ApiError.badRequest(field + " has more than " + maxItems + " items");
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().isBlank() || item.asText().length() > maxLength) {
                throw ApiError.badRequest(
                        field + " must hold non-empty strings of at most " + maxLength + " characters");
            }
            out.add(item.asText().strip());
        }
        return out;
    }

    static int maxBody() {
        return BatonServer.MAX_BODY_BYTES;
    }
}
