package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint refuses bad input with the right status and a JSON error that says what to fix. */
class BadInputTest {
    @TempDir
    static Path home;

    static ServerFixture f;
    static String done;
    static String doneRun;

    @BeforeAll
    static void start() {
        f = new ServerFixture(home);
        done = f.post("/api/tasks", "{\"type\": \"shell\", \"text\": \"echo done\"}")
                .json()
                .get("id")
                .asText();
        doneRun = f.awaitStatus(done, "completed").get("runs").get(0).get("id").asText();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private void refused(ServerFixture.Response r, int status, String messagePart) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(r.error()).containsIgnoringCase(messagePart).doesNotContain("Exception", "\tat ");
    }

    @Test
    void createTask() {
        refused(f.post("/api/tasks", "{not json"), 400, "not valid JSON");
        refused(f.post("/api/tasks", "[1]"), 400, "JSON object");
        refused(f.post("/api/tasks", "{\"text\": \"x\", \"colour\": 1}"), 400, "unknown field 'colour'");
        refused(f.post("/api/tasks", "{}"), 400, "exactly one");
        refused(f.post("/api/tasks", "{\"text\": \"a\", \"markdown\": \"b\"}"), 400, "exactly one");
        refused(f.post("/api/tasks", "{\"text\": 5}"), 400, "text must be a string");
        refused(f.post("/api/tasks", "{\"text\": \"x\", \"priority\": \"soonish\"}"), 400, "priority");
        refused(f.post("/api/tasks", "{\"text\": \"x\", \"priority\": 11}"), 400, "priority");
        refused(f.post("/api/tasks", "{\"text\": \"x\", \"retries\": 99}"), 400, "retries");
        refused(f.post("/api/tasks", "{\"text\": \"x\", \"timeout\": \"forever\"}"), 400, "timeout");
        refused(f.post("/api/tasks", "{\"text\": \"x\", \"mode\": \"yolo\"}"), 400, "mode");
        refused(f.post("/api/tasks", "{\"text\": \"x\", \"depends_on\": [\"../etc\"]}"), 400, "depends_on");
        refused(f.post("/api/tasks", "{\"text\": \"x\", \"repo\": \"relative/path\"}"), 400, "absolute");
        refused(f.post("/api/tasks", "{\"text\": \"x\", \"type\": \"Not A Type\"}"), 400, "type");
        refused(f.post("/api/tasks", "{\"text\": \"x\", \"agent\": \"nobody\"}"), 400, "unknown agent 'nobody'");
        refused(f.post("/api/tasks", "{\"text\": \"x\", \"depends_on\": [\"t-000000\"]}"), 400, "unknown task");
        refused(f.post("/api/tasks", "{\"text\": \"x\", \"repo\": \"/nonexistent/repo\"}"), 400, "/nonexistent/repo");
        refused(
                f.post("/api/tasks", "{\"markdown\": \"---\\npriority: [1\\n---\\nbody\", \"file_name\": \"bad.md\"}"),
                422,
                "bad.md");
        refused(f.post("/api/tasks", "{\"markdown\": \"x\", \"file_name\": \"../evil.md\"}"), 400, "file_name");
        String markdown = "{\"markdown\": \"---\\nid: " + done + "\\n---\\necho again\"}";
        refused(f.post("/api/tasks", markdown), 409, "exists");
        refused(
                f.send(f.request("/api/tasks")
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("echo"))
                        .build()),
                415,
                "Content-Type: application/json");
        String huge = "{\"text\": \"" + "x".repeat(BatonServer.MAX_BODY_BYTES) + "\"}";
        refused(f.post("/api/tasks", huge), 413, "the limit is " + BatonServer.MAX_BODY_BYTES);
        refused(f.post("/api/tasks", "{\"text\": \"" + "y".repeat(1_000_001) + "\"}"), 400, "limit is 1000000");
    }

    @Test
    void listAndGetTasks() {
        refused(f.get("/api/tasks?status=sleeping"), 400, "unknown task status 'sleeping'");
        refused(f.get("/api/tasks?limit=0"), 400, "limit");
        refused(f.get("/api/tasks?limit=abc"), 400, "limit");
        refused(f.get("/api/tasks?agent=BAD%20NAME"), 400, "agent");
        refused(f.get("/api/tasks/bad%20id"), 400, "not a valid task id");
        refused(f.get("/api/tasks/t-ffffff"), 404, "no task with id 't-ffffff'");
        refused(f.get("/api/tasks/t-ffffff/events"), 404, "no task");
        refused(f.get("/api/tasks/" + done + "/events?after=-1"), 400, "after");
    }

    @Test
    void cancelAndRetry() {
        refused(f.post("/api/tasks/t-ffffff/cancel", ""), 404, "no task");
        refused(f.post("/api/tasks/" + done + "/cancel", ""), 409, "already completed");
        refused(f.post("/api/tasks/" + done + "/retry", ""), 409, "only failed or cancelled");
        refused(f.post("/api/tasks/bad%20id/retry", ""), 400, "not a valid task id");
    }

    @Test
    void runsAndLogs() {
        refused(f.get("/api/runs/nonsense"), 400, "not a run id");
        refused(f.get("/api/runs/t-ffffff.1"), 404, "no run");
        refused(f.get("/api/runs/" + doneRun + "/log?offset=-1"), 400, "offset");
        refused(f.get("/api/runs/" + doneRun + "/log?offset=99999999"), 400, "past the end");
        refused(f.get("/api/runs/" + doneRun + "/log?limit=99999999"), 400, "limit");
        refused(f.get("/api/runs/" + doneRun + "/log?stream=stdin"), 400, "stdout or stderr");
    }

    @Test
    void figuresAndRequirements() {
        refused(f.get("/api/usage?days=99"), 400, "days");
        refused(f.post("/api/requirements", "{\"heuristic\": true}"), 400, "text is required");
        refused(
                f.post("/api/requirements", "{\"text\": \"x\", \"force\": \"yes\"}"),
                400,
                "force must be true or false");
        refused(f.post("/api/requirements", "{\"text\": \"x\", \"depends_on\": []}"), 400, "unknown field");
        refused(f.get("/api/nothing-here"), 404, "no such endpoint");
    }

    @Test
    void liveEvents() {
        refused(f.get("/api/events?after=abc"), 400, "event id");
        refused(f.get("/api/events?types=DROP%20TABLE"), 400, "types");
        refused(f.get("/api/events?task=..%2F"), 400, "task");
        var ws = f.http.newWebSocketBuilder()
                .buildAsync(
                        URI.create("ws://127.0.0.1:" + f.server.port() + "/ws?after=abc"), new WebSocket.Listener() {});
        try {
            ws.join();
            throw new AssertionError("the handshake should have been refused");
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            var response = ((WebSocketHandshakeException) e.getCause()).getResponse();
            assertThat(response.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void anotherSiteCannotPostOrRebindTheHost() throws IOException {
        var crossSite = f.send(f.request("/api/tasks")
                .header("Content-Type", "application/json")
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"rm -rf ~\"}"))
                .build());
        refused(crossSite, 403, "--cors-origin https://evil.example");

        String raw = rawRequest(
                "GET /api/status HTTP/1.1\r\nHost: evil.example:" + f.server.port() + "\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 403").contains("{\"error\":").contains("Host");
    }

    private String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", f.server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
