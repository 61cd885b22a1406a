package dev.baton.testing.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scripted Anthropic server's wire format, as Claude Code reads it. */
class AnthropicMessagesTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void streamsATurnAsMessageEventsAndAnswersSideRequestsWithoutUsingTurns() throws Exception {
        try (ScriptedModelServer server = ScriptedModelServer.start(new AnthropicMessages())) {
            server.script(Script.of(Turn.tool("Write", Map.of("file_path", "a.txt", "content", "a"))));

            assertThat(send(server, "HEAD", "/", null).statusCode()).isEqualTo(200);
            HttpResponse<String> title = send(
                    server,
                    "POST",
                    "/v1/messages?beta=true",
                    "{\"model\":\"m\",\"stream\":false,\"messages\":[{\"role\":\"system\",\"content\":\"x\"},"
                            + "{\"role\":\"user\",\"content\":\"Write a title as JSON\"}]}");
            assertThat(title.body()).contains("{\\\"title\\\": \\\"Scripted task\\\"}", "\"end_turn\"");
            assertThat(server.script().remaining()).isEqualTo(1);

            HttpResponse<String> turn = send(
                    server,
                    "POST",
                    "/v1/messages?beta=true",
                    "{\"model\":\"m\",\"stream\":true,\"tools\":[{\"name\":\"Write\"}],\"messages\":[]}");
            assertThat(turn.headers().firstValue("content-type")).hasValue("text/event-stream");
            assertThat(turn.body().lines().filter(l -> l.startsWith("event: ")))
                    .containsExactly(
                            "event: message_start",
                            "event: content_block_start",
                            "event: content_block_delta",
                            "event: content_block_delta",
                            "event: content_block_stop",
                            "event: message_delta",
                            "event: message_stop");
            assertThat(turn.body()).contains("\"input_json_delta\"", "\"stop_reason\":\"tool_use\"");
            assertThat(server.script().remaining()).isZero();
        }
    }

    @Test
    void errorsAreAnthropicErrorJsonWithRetryAfter() throws Exception {
        try (ScriptedModelServer server = ScriptedModelServer.start(new AnthropicMessages())) {
            server.script(Script.of(Turn.error(429, "slow down", 7)));

            HttpResponse<String> response = send(
                    server, "POST", "/v1/messages", "{\"model\":\"m\",\"stream\":true,\"tools\":[{}],\"messages\":[]}");

            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.headers().firstValue("retry-after")).hasValue("7");
            assertThat(response.body())
                    .isEqualTo(
                            "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}");
        }
    }

    private HttpResponse<String> send(ScriptedModelServer server, String method, String path, String body)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
