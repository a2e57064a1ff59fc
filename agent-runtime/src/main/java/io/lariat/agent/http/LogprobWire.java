package io.lariat.agent.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.lariat.agent.InvalidRequestException;
import io.lariat.agent.chat.ChatLogprob;
import io.lariat.engine.GenerationRequest;
import io.lariat.engine.TokenLogprobs;

import java.util.List;

/**
 * One token's log-probability on the wire, the same shape in both dialects: an entry of OpenAI's
 * {@code choices[].logprobs.content[]} and of Ollama's {@code logprobs[]} ({@code token}, {@code logprob},
 * {@code bytes}, {@code top_logprobs}). The alternatives carry no {@code top_logprobs} of their own.
 */
public record LogprobWire(String token, float logprob, List<Integer> bytes,
                          @JsonInclude(JsonInclude.Include.NON_NULL)
                          @JsonProperty("top_logprobs") List<LogprobWire> topLogprobs) {

    /** The wire entries of a generation's tokens. */
    public static List<LogprobWire> of(List<ChatLogprob> logprobs) {
        return logprobs.stream().map(p -> new LogprobWire(p.token(), p.logprob(), p.bytes(),
                p.top().stream().map(alt -> new LogprobWire(alt.token(), alt.logprob(), alt.bytes(), null))
                        .toList())).toList();
    }

    /**
     * How many alternatives a request asks for, from its {@code logprobs} switch and {@code top_logprobs} count:
     * {@link GenerationRequest#NO_LOGPROBS} when the switch is off.
     *
     * @throws InvalidRequestException when the count is outside 0-20, or given without the switch
     */
    public static int alternatives(Boolean logprobs, Integer topLogprobs) {
        if (topLogprobs != null && (topLogprobs < 0 || topLogprobs > TokenLogprobs.MAX_TOP)) {
            throw InvalidRequestException.badValue("$.top_logprobs", "must be within 0.."
                    + TokenLogprobs.MAX_TOP + ", got " + topLogprobs);
        }
        if (!Boolean.TRUE.equals(logprobs)) {
            if (topLogprobs != null && topLogprobs > 0) {
                throw InvalidRequestException.badValue("$.top_logprobs",
                        "needs \"logprobs\": true");
            }
            return GenerationRequest.NO_LOGPROBS;
        }
        return topLogprobs == null ? 0 : topLogprobs;
    }
}
