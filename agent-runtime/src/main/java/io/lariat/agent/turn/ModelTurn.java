package io.lariat.agent.turn;

import io.lariat.agent.backend.ModelBackend;
import io.lariat.agent.backend.TurnRequest;
import io.lariat.agent.backend.TurnResult;
import io.lariat.prompts.parse.ParsedTurn;

import java.util.function.Consumer;

/**
 * One model turn, the single pipeline under the agent loop, the OpenAI and Ollama chat service and {@code lariat
 * run}: ids to the backend, its tokens through UTF-8 decoding, stop strings and token-level tool-call detection,
 * and a parsed turn with one statistics record out.
 *
 * <p>The backend's {@link ModelBackend#generate} is the one admission point: it refuses an overloaded model with
 * {@link io.lariat.agent.OverloadedException} before any token, so a caller that writes nothing before the first
 * piece of content (or the outcome) can still answer with an error status. Stateless.
 */
public final class ModelTurn {
    private ModelTurn() {
    }

    /**
     * Runs one turn; blocks, so call it on a worker or virtual thread.
     *
     * @param content receives each piece of certain answer text as it is generated, on the backend's thread; never
     *                text of a tool call; the pieces add up to the outcome's content
     * @throws io.lariat.agent.OverloadedException        when the model's queue is full
     * @throws java.util.concurrent.CancellationException when {@code input.cancel()} fired first
     */
    public static TurnOutcome run(ModelBackend backend, TurnInput input, Consumer<String> content) {
        return run(backend, input, (text, logprobs) -> content.accept(text));
    }

    /**
     * Runs one turn as {@link #run(ModelBackend, TurnInput, Consumer)} does, handing each piece of answer text to
     * {@code content} with the log-probabilities of its tokens when {@link TurnOptions#logprobs()} asks for them.
     *
     * @throws IllegalArgumentException when log-probabilities are asked of a backend that does not
     *                                  {@link ModelBackend#reportsLogprobs() report them}
     */
    public static TurnOutcome run(ModelBackend backend, TurnInput input, ContentListener content) {
        if (input.options().logprobs() >= 0 && !backend.reportsLogprobs()) {
            throw new IllegalArgumentException("model '" + backend.name() + "' does not report log-probabilities");
        }
        TurnStream stream = new TurnStream(backend.tokenizer(), backend.structuredToolCalls(),
                input.options().stopStrings(), content);
        stream.force(input.forcedIds());
        TurnResult result = backend.generate(new TurnRequest(input.sessionId(), input.promptIds(), input.messages(),
                input.tools(), input.sampling(), input.maxTokens(), input.cancel(), input.options().fixedPrefix(),
                input.options().constraint(), input.options().logprobs()),
                stream);
        ParsedTurn parsed = stream.finish(result, DeclaredTools.of(input));
        return new TurnOutcome(parsed, result.sampledIds(), result.stopId(), result.stats(),
                stream.stoppedByString(), stream.firstTokenNanos());
    }
}
