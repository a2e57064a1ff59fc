package io.lariat.agent.http.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.lariat.agent.chat.ChatLogprob;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bodies of OpenAI's legacy {@code /v1/completions} and of {@code /v1/embeddings}. */
public final class CompletionWire {
    private CompletionWire() {
    }

    /**
     * The body of {@code POST /v1/completions}; absent fields are null.
     *
     * @param prompt    a string (or an array of one string)
     * @param maxTokens tokens to generate; OpenAI's default is 16
     * @param logprobs  return each token's log probability with this many most likely alternatives (0-5)
     * @param echo      whether the prompt is repeated before the completion (not supported: 501)
     * @param suffix    text after the completion, for insertion (not supported: 501)
     */
    public record CompletionRequest(String model, JsonNode prompt, @JsonProperty("max_tokens") Integer maxTokens,
                                    Double temperature, @JsonProperty("top_p") Double topP, JsonNode stop, Long seed,
                                    Boolean stream,
                                    @JsonProperty("stream_options") ChatCompletionRequest.StreamOptions streamOptions,
                                    Integer n, Integer logprobs, Boolean echo, String suffix) {
    }

    /** One choice of a completion; {@code finish_reason} is null until the last chunk. */
    public record CompletionChoice(String text, int index,
                                   @JsonInclude(JsonInclude.Include.ALWAYS) CompletionLogprobs logprobs,
                                   @JsonInclude(JsonInclude.Include.ALWAYS)
                                   @JsonProperty("finish_reason") String finishReason) {
    }

    /**
     * The legacy log-probability columns of a completion's (or a chunk's) tokens, one entry per token in each.
     *
     * @param tokens        each token's text
     * @param tokenLogprobs each token's log probability
     * @param topLogprobs   per token, its most likely alternatives by text (alternatives with equal text keep the
     *                      likeliest), most likely first
     * @param textOffset    each token's character offset in the prompt followed by the completion
     */
    public record CompletionLogprobs(List<String> tokens,
                                     @JsonProperty("token_logprobs") List<Float> tokenLogprobs,
                                     @JsonProperty("top_logprobs") List<Map<String, Float>> topLogprobs,
                                     @JsonProperty("text_offset") List<Integer> textOffset) {

        /** The columns of {@code logprobs}, the first token at character {@code offset}. */
        public static CompletionLogprobs of(List<ChatLogprob> logprobs, int offset) {
            List<String> tokens = new ArrayList<>();
            List<Float> values = new ArrayList<>();
            List<Map<String, Float>> top = new ArrayList<>();
            List<Integer> offsets = new ArrayList<>();
            int at = offset;
            for (ChatLogprob p : logprobs) {
                tokens.add(p.token());
                values.add(p.logprob());
                Map<String, Float> alternatives = new LinkedHashMap<>();
                p.top().forEach(alt -> alternatives.putIfAbsent(alt.token(), alt.logprob()));
                top.add(alternatives);
                offsets.add(at);
                at += p.token().length();
            }
            return new CompletionLogprobs(tokens, values, top, offsets);
        }

        /** Characters the tokens cover. */
        public int length() {
            return tokens.stream().mapToInt(String::length).sum();
        }
    }

    /** The answer of {@code /v1/completions}, or one streamed chunk of it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CompletionResponse(String id, String object, long created, String model,
                                     List<CompletionChoice> choices, ChatCompletionResponse.Usage usage) {
    }

    /**
     * The body of {@code POST /v1/embeddings}.
     *
     * @param input          a string or an array of strings
     * @param encodingFormat {@code float} (default) or {@code base64}
     * @param dimensions     keep only this many leading components (then normalised again)
     */
    public record EmbeddingRequest(String model, JsonNode input,
                                   @JsonProperty("encoding_format") String encodingFormat, Integer dimensions,
                                   String user) {
    }

    /** One vector: a float array, or base64 of little-endian float32 values. */
    public record EmbeddingData(String object, Object embedding, int index) {
    }

    /** The usage of an embedding request. */
    public record EmbeddingUsage(@JsonProperty("prompt_tokens") int promptTokens,
                                 @JsonProperty("total_tokens") int totalTokens) {
    }

    /** The answer of {@code /v1/embeddings}. */
    public record EmbeddingResponse(String object, List<EmbeddingData> data, String model, EmbeddingUsage usage) {
    }
}
