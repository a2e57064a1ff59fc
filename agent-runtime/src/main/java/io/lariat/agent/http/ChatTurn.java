package io.lariat.agent.http;

import io.lariat.agent.backend.TokenListener;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.engine.tokenizer.Utf8StreamDecoder;
import io.lariat.prompts.parse.ParsedTurn;
import io.lariat.prompts.parse.ToolCallDetector;

import java.util.List;
import java.util.function.Consumer;

/**
 * Reads one chat generation token by token: decodes it, holds back call text (spec §10) and any text that may be
 * the start of a client's stop string, and emits the rest as {@link ChatEvent.ContentDelta}s.
 *
 * <p>When a stop string appears, the text before it is kept and {@link #onToken} returns false, which stops the
 * backend. Confined to the backend's thread while generating, then read by the generating request.
 */
final class ChatTurn implements TokenListener {
    private final Utf8StreamDecoder decoder;
    private final ToolCallDetector detector = new ToolCallDetector();
    private final List<String> stops;
    private final Consumer<ChatEvent> emit;
    private final StringBuilder pending = new StringBuilder();
    private long firstTokenNanos;
    private int tokens;
    private boolean stoppedByString;

    /**
     * @param forcedText the forced start of the turn (fed to the detector first, never emitted as content)
     * @param stops      client stop strings
     */
    ChatTurn(Tokenizer tokenizer, String forcedText, List<String> stops, Consumer<ChatEvent> emit) {
        this.decoder = new Utf8StreamDecoder(tokenizer);
        this.stops = stops.stream().filter(s -> !s.isEmpty()).toList();
        this.emit = emit;
        emitText(detector.accept(forcedText));
    }

    @Override
    public boolean onToken(int tokenId) {
        if (tokens++ == 0) {
            firstTokenNanos = System.nanoTime();
        }
        pending.append(decoder.accept(tokenId));
        for (String stop : stops) {
            int at = pending.indexOf(stop);
            if (at >= 0) {
                pending.setLength(at);
                stoppedByString = true;
            }
        }
        int safe = stoppedByString ? pending.length() : pending.length() - heldForStops();
        emitText(detector.accept(pending.substring(0, safe)));
        pending.delete(0, safe);
        return !stoppedByString;
    }

    /** Ends the generation: parses the whole text and emits the content not yet streamed. */
    ParsedTurn finish() {
        if (!stoppedByString) {
            pending.append(decoder.flush());
        }
        emitText(detector.accept(pending.toString()));
        pending.setLength(0);
        ToolCallDetector.End end = detector.finish();
        emitText(end.remainingContent());
        return end.turn();
    }

    /** Whether a client stop string ended the generation. */
    boolean stoppedByString() {
        return stoppedByString;
    }

    /** Tokens received, the stop token included. */
    int tokens() {
        return tokens;
    }

    /** {@link System#nanoTime()} of the first token, or 0 before it. */
    long firstTokenNanos() {
        return firstTokenNanos;
    }

    /** Length of the longest tail of the pending text that begins some stop string. */
    private int heldForStops() {
        int held = 0;
        for (String stop : stops) {
            for (int n = Math.min(stop.length() - 1, pending.length()); n > held; n--) {
                if (pending.substring(pending.length() - n).equals(stop.substring(0, n))) {
                    held = n;
                    break;
                }
            }
        }
        return held;
    }

    private void emitText(String text) {
        if (!text.isEmpty()) {
            emit.accept(new ChatEvent.ContentDelta(text));
        }
    }
}
