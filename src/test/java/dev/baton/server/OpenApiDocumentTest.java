package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document at {@code /api/openapi.json} is written by hand; these checks keep it true
 * to the routes Javalin actually registered, so it cannot drift from the server again.
 */
class OpenApiDocumentTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete", "head", "options");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    @TempDir
    Path home;

    ServerFixture f;
    JsonNode document;

    @BeforeEach
    void start() {
        f = new ServerFixture(home, ServerConfig.defaults().withPort(0), false);
        document = f.get("/api/openapi.json").json();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private Set<String> served() {
        Set<String> out = new TreeSet<>();
        f.server.routes().forEach(r -> out.add(r.method() + " " + r.path()));
        return out;
    }

    private Set<String> documented() {
        Set<String> out = new TreeSet<>();
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                    if (METHODS.contains(method)) out.add(method.toUpperCase() + " " + path.getKey());
                }));
        return out;
    }

    private static Set<String> minus(Set<String> from, Set<String> taken) {
        Set<String> out = new TreeSet<>(from);
        out.removeAll(taken);
        return out;
    }

    @Test
    void theDocumentListsEveryRouteTheServerAnswersAndNoOther() {
        Set<String> served = served();
        Set<String> documented = documented();

        assertThat(served).as("the route table is read from Javalin").hasSizeGreaterThan(30);
        assertThat(minus(served, documented))
                .as("routes the server answers that /api/openapi.json does not list")
                .isEmpty();
        assertThat(minus(documented, served))
                .as("paths and methods /api/openapi.json lists that no route answers")
                .isEmpty();
    }

    @Test
    void workflowsSchedulesFollowUpsMergesUsageAndAgentsAreDocumented() {
        assertThat(documented())
                .contains(
                        "POST /api/workflows",
                        "GET /api/workflows",
                        "GET /api/workflows/{id}",
                        "GET /api/schedules",
                        "POST /api/schedules",
                        "DELETE /api/schedules/{id}",
                        "POST /api/tasks/{id}/followups",
                        "POST /api/merges",
                        "GET /api/usage",
                        "GET /api/agents",
                        "GET /api/decisions",
                        "POST /api/decisions/{id}/approve");
        assertThat(document.get("info").get("description").asText()).doesNotContain("not part of Baton yet");
    }

    @Test
    void everyOperationNamesItsPathParametersAndAnswersAndEveryReferenceResolves() {
        List<String> problems = new ArrayList<>();
        document.get("paths").properties().forEach(path -> {
            Matcher names = PATH_PARAMETER.matcher(path.getKey());
            List<String> inPath = new ArrayList<>();
            while (names.find()) inPath.add(names.group(1));
            path.getValue().properties().forEach(operation -> {
                String where = operation.getKey().toUpperCase() + " " + path.getKey();
                if (!operation.getValue().has("summary")) problems.add(where + " has no summary");
                if (!operation.getValue().has("responses")) problems.add(where + " has no responses");
                List<String> declared = new ArrayList<>();
                operation.getValue().path("parameters").forEach(p -> {
                    if (p.get("in").asText().equals("path"))
                        declared.add(p.get("name").asText());
                });
                if (!declared.equals(inPath)) {
                    problems.add(where + " declares path parameters " + declared + ", the path has " + inPath);
                }
            });
        });
        document.findValues("$ref").forEach(ref -> {
            String pointer = ref.asText();
            if (!pointer.startsWith("#/") || document.at(pointer.substring(1)).isMissingNode()) {
                problems.add("unresolved $ref " + pointer);
            }
        });
        assertThat(problems).isEmpty();
    }
}
