package io.lariat.agent.chat;

import io.lariat.engine.TokenLogprobs;
import io.lariat.engine.tokenizer.Tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One generated token's log-probability and the most likely tokens of its position, as text: the form that the
 * OpenAI and Ollama dialects both write ({@code token}, {@code logprob}, {@code bytes}, {@code top_logprobs}).
 * Immutable.
 *
 * @param token   the token's text; a token holding part of a UTF-8 character shows U+FFFD for it, as OpenAI does
 * @param bytes   the token's bytes (0-255), which concatenate to the exact text
 * @param logprob natural-log probability, at most 0
 * @param top     the most likely tokens of the position, most likely first; empty for an alternative itself
 */
public record ChatLogprob(String token, List<Integer> bytes, float logprob, List<ChatLogprob> top) {

    /** Copies the lists. */
    public ChatLogprob {
        bytes = List.copyOf(bytes);
        top = List.copyOf(top);
    }

    /** The text form of the engine's figures. */
    public static ChatLogprob of(TokenLogprobs probs, Tokenizer tokenizer) {
        List<ChatLogprob> top = probs.top().stream()
                .map(alt -> token(alt.id(), alt.logprob(), List.of(), tokenizer)).toList();
        return token(probs.tokenId(), probs.logprob(), top, tokenizer);
    }

    private static ChatLogprob token(int id, float logprob, List<ChatLogprob> top, Tokenizer tokenizer) {
        byte[] raw = tokenizer.tokenBytes(id);
        Integer[] bytes = new Integer[raw.length];
        for (int i = 0; i < raw.length; i++) {
            bytes[i] = raw[i] & 0xFF;
        }
        return new ChatLogprob(new String(raw, StandardCharsets.UTF_8), List.of(bytes), logprob, top);
    }
}
