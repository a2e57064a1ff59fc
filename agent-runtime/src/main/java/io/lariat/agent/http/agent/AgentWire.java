package io.lariat.agent.http.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** The request and response records of the agent API. */
public final class AgentWire {
    private AgentWire() {
    }

    /** {@code GET /agents}: each declared agent; {@code problem} says why one cannot run (its model is missing). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AgentInfo(String name, String model, @JsonProperty("system_prompt") String systemPrompt,
                            List<ToolInfo> tools, String problem) {
    }

    /** A tool an agent may call. */
    public record ToolInfo(String name, String description, boolean builtin, JsonNode parameters) {
    }

    /** {@code POST /agents/{name}/sessions} answers the new session. */
    public record SessionCreated(String id, String agent) {
    }

    /** {@code POST /agents/{name}/sessions/{id}/messages}: one user message; streamed as SSE unless false. */
    public record MessageRequest(String content, Boolean stream) {
        /** Whether the response is streamed (the default). */
        public boolean streaming() {
            return stream == null || stream;
        }
    }

    /** {@code GET /agents/{name}/sessions/{id}}: the conversation so far, messages in OpenAI's JSON shape. */
    public record Transcript(String id, String agent, int tokens, boolean running, ArrayNode messages) {
    }

    /** SSE {@code token}: answer text. */
    public record TokenData(int turn, String text) {
    }

    /** SSE {@code tool_call}: the model called a tool. */
    public record ToolCallData(int turn, String id, String name, ObjectNode arguments) {
    }

    /** SSE {@code tool_result}: what the tool returned; {@code error} when it failed. */
    public record ToolResultData(int turn, String id, String name, String content, boolean error,
                                 @JsonProperty("elapsed_ms") long elapsedMillis) {
    }

    /** SSE {@code context_trimmed}: old turns were dropped to fit the window. */
    public record ContextTrimmedData(int turn, @JsonProperty("messages_dropped") int messagesDropped,
                                     @JsonProperty("tokens_dropped") int tokensDropped,
                                     @JsonProperty("tokens_kept") int tokensKept) {
    }

    /** SSE {@code final}: the answer; {@code reason} is answer, iteration_cap, token_budget or length. */
    public record FinalData(int turn, String content, String reason) {
    }

    /** SSE {@code stats}: counters and timings of the run, durations in milliseconds. */
    public record StatsData(int iterations, @JsonProperty("prompt_tokens_evaluated") int promptTokensEvaluated,
                            @JsonProperty("prompt_tokens_reused") int promptTokensReused,
                            @JsonProperty("generated_tokens") int generatedTokens,
                            @JsonProperty("prompt_eval_ms") long promptEvalMillis,
                            @JsonProperty("generation_ms") long generationMillis,
                            @JsonProperty("tools_ms") long toolsMillis, @JsonProperty("total_ms") long totalMillis) {
    }

    /** SSE {@code error}: the run failed after its response began. */
    public record ErrorData(int turn, String kind, String message) {
    }

    /** One tool call and its result in a non-streamed run result. */
    public record ToolCallResult(String id, String name, ObjectNode arguments, String result, boolean error,
                                 @JsonProperty("elapsed_ms") long elapsedMillis) {
    }

    /** The non-streamed result of one message. */
    public record RunResult(@JsonProperty("session_id") String sessionId, String content, String reason,
                            @JsonProperty("tool_calls") List<ToolCallResult> toolCalls, StatsData stats) {
    }
}
