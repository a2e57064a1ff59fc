package io.lariat.agent.loop;

import io.lariat.agent.AgentEvent;
import io.lariat.agent.TokenEvent;
import io.lariat.agent.backend.TokenListener;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.engine.tokenizer.Utf8StreamDecoder;
import io.lariat.prompts.parse.ToolCallDetector;

import java.util.function.Consumer;

/**
 * Turns one generation's tokens into answer-text events: decodes them, lets the {@link ToolCallDetector} hold back
 * what may be a call (spec §10), and emits only certain content. Confined to the backend's thread while generating,
 * then read by the run.
 */
final class TurnStream implements TokenListener {
    private final Utf8StreamDecoder decoder;
    private final ToolCallDetector detector = new ToolCallDetector();
    private final Consumer<AgentEvent> emit;
    private final String sessionId;
    private final int turn;
    private final StringBuilder streamed = new StringBuilder();

    TurnStream(Tokenizer tokenizer, Consumer<AgentEvent> emit, String sessionId, int turn) {
        this.decoder = new Utf8StreamDecoder(tokenizer);
        this.emit = emit;
        this.sessionId = sessionId;
        this.turn = turn;
    }

    @Override
    public boolean onToken(int tokenId) {
        emitText(detector.accept(decoder.accept(tokenId)));
        return true;
    }

    /** Ends the generation: parses the whole text and emits the content not yet streamed. */
    ToolCallDetector.End finish() {
        String tail = decoder.flush();
        if (!tail.isEmpty()) {
            emitText(detector.accept(tail));
        }
        ToolCallDetector.End end = detector.finish();
        emitText(end.remainingContent());
        return end;
    }

    /** The answer text streamed so far. */
    String streamed() {
        return streamed.toString();
    }

    private void emitText(String text) {
        if (!text.isEmpty()) {
            streamed.append(text);
            emit.accept(new TokenEvent(sessionId, turn, text));
        }
    }
}
