package io.lariat.agent.http.ollama;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.lariat.agent.http.LogprobWire;

import java.util.List;

/**
 * One NDJSON line of {@code /api/generate}: {@code response} text, then a final line with the statistics and the
 * model's tool calls, if it made any; {@code logprobs} as on {@link OllamaChatChunk}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OllamaGenerateChunk(String model, @JsonProperty("created_at") String createdAt,
                                  @JsonInclude(JsonInclude.Include.ALWAYS) String response, boolean done,
                                  @JsonProperty("done_reason") String doneReason,
                                  @JsonProperty("total_duration") Long totalDuration,
                                  @JsonProperty("load_duration") Long loadDuration,
                                  @JsonProperty("prompt_eval_count") Integer promptEvalCount,
                                  @JsonProperty("prompt_eval_duration") Long promptEvalDuration,
                                  @JsonProperty("eval_count") Integer evalCount,
                                  @JsonProperty("eval_duration") Long evalDuration,
                                  @JsonInclude(JsonInclude.Include.NON_EMPTY)
                                  @JsonProperty("tool_calls") List<OllamaChatChunk.ToolCallWire> toolCalls,
                                  @JsonInclude(JsonInclude.Include.NON_EMPTY) List<LogprobWire> logprobs) {
}
