package io.lariat.agent.turn;

import io.lariat.engine.TokenLogprobs;

import java.util.List;

/**
 * Receives the certain answer text of a {@link ModelTurn} piece by piece, on the backend's thread; must not block.
 */
@FunctionalInterface
public interface ContentListener {

    /**
     * One piece of answer text, never empty; the pieces add up to the turn's content.
     *
     * @param text     the piece
     * @param logprobs when the turn asks for them ({@link TurnOptions#logprobs()}), the log-probabilities of the
     *                 ordinary tokens read since the previous piece, in order; tokens read after the last piece
     *                 (the text a stop string cut, a tool call) and special tokens are never reported; empty
     *                 otherwise
     */
    void accept(String text, List<TokenLogprobs> logprobs);
}
