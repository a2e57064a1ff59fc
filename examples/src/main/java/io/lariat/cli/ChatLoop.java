package io.lariat.cli;

import io.lariat.engine.EngineSession;
import io.lariat.engine.GenerationRequest;
import io.lariat.engine.GenerationResult;
import io.lariat.engine.LlamaEngine;
import io.lariat.engine.sampling.SamplingOptions;
import io.lariat.engine.tokenizer.Utf8StreamDecoder;
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
 * One chat with a model, turn after turn on the same engine session, so each turn evaluates only its new tokens.
 * Not thread-safe; closing it frees the KV cache.
 */
final class ChatLoop implements AutoCloseable {
    private final LlamaEngine engine;
    private final ChatFormat format;
    private final EngineSession session;
    private SamplingOptions sampling;
    private int maxTokens;
    private String system;
    private final List<Message> messages = new ArrayList<>();

    ChatLoop(LlamaEngine engine, int contextSize, SamplingOptions sampling, int maxTokens, String system) {
        this.engine = engine;
        this.format = ChatFormat.builder().tokenizer(engine.tokenizer()).build();
        this.session = engine.newSession(contextSize);
        this.sampling = sampling;
        this.maxTokens = maxTokens;
        this.system = system;
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
        int room = session.contextSize() - ids.length;
        if (room < 1) {
            messages.removeLast();
            throw new CliException("the prompt takes " + ids.length + " tokens; the context holds "
                    + session.contextSize() + " (use --ctx or /clear)");
        }
        GenerationRequest request = GenerationRequest.builder(ids).sampling(sampling)
                .maxTokens(Math.min(maxTokens, room)).build();
        Utf8StreamDecoder decoder = new Utf8StreamDecoder(engine.tokenizer());
        GenerationResult result = session.generate(request, id -> {
            if (!request.isStop(id)) {
                out.print(decoder.accept(id));
                out.flush();
            }
            return true;
        });
        out.println(decoder.flush());
        out.flush();
        messages.add(new AssistantMessage(null, List.of(), result.generatedIds(), AssistantMessage.End.EOT));
        var s = result.stats();
        return new StatsBlock(Duration.ofNanos(System.nanoTime() - startNanos), load, s.promptTokensEvaluated(),
                s.promptEval(), s.generatedTokens(), s.eval());
    }

    @Override
    public void close() {
        session.close();
    }
}
