package io.lariat.cli;

import io.lariat.agent.backend.CancelSignal;
import io.lariat.agent.backend.ModelBackend;
import io.lariat.agent.turn.ModelTurn;
import io.lariat.agent.turn.TurnInput;
import io.lariat.agent.turn.TurnOptions;
import io.lariat.agent.turn.TurnOutcome;
import io.lariat.engine.sampling.SamplingOptions;
import io.lariat.prompts.AssistantMessage;
import io.lariat.prompts.ChatFormat;
import io.lariat.prompts.Message;
import io.lariat.prompts.SystemMessage;
import io.lariat.prompts.UserMessage;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One chat with a model through the same {@link ModelTurn} as the agents and the server, turn after turn on one
 * backend session, so each turn evaluates only its new tokens. No tools are declared, so a reply that looks like a
 * call is printed as text. Not thread-safe; the backend's owner frees the KV cache.
 */
final class ChatLoop {
    private static final String SESSION = "run";
    private final ModelBackend backend;
    private final ChatFormat format;
    private SamplingOptions sampling;
    private int maxTokens;
    private String system;
    private final List<String> stops;
    private final List<Message> messages = new ArrayList<>();

    /** @param stops strings that end an answer (the model's {@code stop} parameters) */
    ChatLoop(ModelBackend backend, SamplingOptions sampling, int maxTokens, String system, List<String> stops) {
        this.backend = backend;
        this.format = ChatFormat.builder().tokenizer(backend.tokenizer()).build();
        this.sampling = sampling;
        this.maxTokens = maxTokens;
        this.system = system;
        this.stops = List.copyOf(stops);
        clear();
    }

    /** Forgets the conversation (the system prompt stays). */
    void clear() {
        messages.clear();
        if (system != null) {
            messages.add(new SystemMessage(system));
        }
    }

    /** Replaces the system prompt from the next turn on ({@code /set system}). */
    void system(String text) {
        if (system != null) {
            messages.removeFirst();
        }
        system = text;
        messages.addFirst(new SystemMessage(text));
    }

    /** Changes sampling and the answer length from the next turn on ({@code /set parameter}). */
    void settings(SamplingOptions newSampling, int newMaxTokens) {
        sampling = newSampling;
        maxTokens = newMaxTokens;
    }

    /** Answers {@code prompt}, streaming the text to {@code out}; returns the turn's statistics. */
    StatsBlock turn(String prompt, PrintWriter out, Duration load, long startNanos) {
        messages.add(new UserMessage(prompt));
        int[] ids = format.render(messages, true);
        int room = backend.contextSize() - ids.length;
        if (room < 1) {
            messages.removeLast();
            throw new CliException("the prompt takes " + ids.length + " tokens; the context holds "
                    + backend.contextSize() + " (use --ctx or /clear)");
        }
        TurnInput input = new TurnInput(SESSION, ids, new int[0], messages, List.of(), sampling,
                Math.min(maxTokens, room), new TurnOptions(stops, true), new CancelSignal());
        TurnOutcome outcome = ModelTurn.run(backend, input, text -> {
            out.print(text);
            out.flush();
        });
        out.println();
        out.flush();
        messages.add(new AssistantMessage(null, List.of(), outcome.sampledIds(), AssistantMessage.End.EOT));
        var s = outcome.stats();
        return new StatsBlock(Duration.ofNanos(System.nanoTime() - startNanos), load, s.promptTokensEvaluated(),
                s.promptEval(), s.generatedTokens(), s.generation());
    }
}
