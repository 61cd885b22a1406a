package dev.baton.agent.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.format.Jackson;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The process an {@code llm-api} run is: asks the configured LLM API one question (the prompt file)
 * and prints what happened as JSON lines — {@code start}, then {@code answer} with token counts, or
 * {@code error} — so the run is supervised, logged and reconciled like any other agent's.
 */
public final class LlmApiMain {
    private static final ObjectMapper JSON = Jackson.json();
    private static final String SYSTEM = "You are an expert assistant working for a software team. Answer the task"
            + " completely and precisely. You cannot run code or read files beyond what the task gives you.";

    private LlmApiMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: LlmApiMain PROMPT_FILE");
            System.exit(2);
        }
        System.exit(run(Files.readString(Path.of(args[0])), System.getenv(), System.out));
    }

    static int run(String prompt, Map<String, String> env, PrintStream out) {
        LlmSettings settings = LlmSettings.from(env);
        var problem = settings.problem(env);
        if (problem.isPresent()) {
            print(out, Map.of("type", "error", "kind", "auth", "message", problem.get()));
            return 1;
        }
        print(out, Map.of("type", "start", "provider", settings.provider(), "model", settings.model()));
        try {
            ChatModel model = model(settings, env);
            ChatResponse response = model.chat(SystemMessage.from(SYSTEM), UserMessage.from(prompt));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("type", "answer");
            answer.put("text", response.aiMessage().text());
            TokenUsage usage = response.tokenUsage();
            answer.put("input_tokens", usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount());
            answer.put(
                    "output_tokens", usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
            print(out, answer);
            return 0;
        } catch (RuntimeException e) {
            print(out, error(e));
            return 1;
        }
    }

    static ChatModel model(LlmSettings s, Map<String, String> env) {
        String key = s.apiKeyEnv() == null ? null : env.get(s.apiKeyEnv());
        Duration timeout = Duration.ofMinutes(10);
        return switch (s.provider()) {
            case "anthropic" -> {
                var b = AnthropicChatModel.builder()
                        .apiKey(key)
                        .modelName(s.model())
                        .maxTokens(8192)
                        .maxRetries(0)
                        .timeout(timeout);
                if (s.baseUrl() != null) b.baseUrl(s.baseUrl());
                yield b.build();
            }
            case "openai" -> {
                var b = OpenAiChatModel.builder()
                        .apiKey(key)
                        .modelName(s.model())
                        .maxRetries(0)
                        .timeout(timeout);
                if (s.baseUrl() != null) b.baseUrl(s.baseUrl());
                yield b.build();
            }
            case "gemini" -> {
                var b = GoogleAiGeminiChatModel.builder()
                        .apiKey(key)
                        .modelName(s.model())
                        .maxRetries(0)
                        .timeout(timeout);
                if (s.baseUrl() != null) b.baseUrl(s.baseUrl());
                yield b.build();
            }
            default ->
                OllamaChatModel.builder()
                        .baseUrl(s.baseUrl() != null ? s.baseUrl() : "http://localhost:11434")
                        .modelName(s.model())
                        .timeout(timeout)
                        .maxRetries(0)
                        .build();
        };
    }

    static Map<String, Object> error(RuntimeException e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "error");
        Integer status = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException http) {
                status = http.statusCode();
                break;
            }
        }
        String kind = e instanceof RateLimitException || Integer.valueOf(429).equals(status)
                ? "rate_limit"
                : e instanceof AuthenticationException
                                || Integer.valueOf(401).equals(status)
                                || Integer.valueOf(403).equals(status)
                        ? "auth"
                        : "api";
        out.put("kind", kind);
        if (status != null) out.put("status", status);
        out.put("message", String.valueOf(e.getMessage()));
        return out;
    }

    private static void print(PrintStream out, Map<String, Object> line) {
        try {
            out.println(JSON.writeValueAsString(line));
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
