package io.lariat.agent.turn;

import io.lariat.agent.backend.TokenListener;
import io.lariat.agent.backend.TurnResult;
import io.lariat.engine.TokenLogprobs;
import io.lariat.engine.tokenizer.SpecialTokens;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.engine.tokenizer.Utf8StreamDecoder;
import io.lariat.prompts.parse.ParsedTurn;
import io.lariat.prompts.parse.Stop;
import io.lariat.prompts.parse.ToolCallDetector;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one generation token by token: decodes UTF-8 across token boundaries, holds back text that may be the start
 * of a stop string, and lets a token-mode {@link ToolCallDetector} hold back call text (spec §10), emitting only
 * certain answer text.
 *
 * <p>Special tokens are never text: {@code <|python_tag|>} opens a call only as its own id, stop ids end the turn,
 * and ordinary tokens that spell a special name are just text. With a backend whose calls are structured data
 * ({@code detector} absent), every token is answer text. When a stop string appears, the text before it is kept and
 * {@link #onToken} returns false, which ends the generation. Confined to the backend's thread while generating,
 * then read by the turn.
 */
final class TurnStream implements TokenListener {
    private final Tokenizer tokenizer;
    private final Utf8StreamDecoder decoder;
    private final ToolCallDetector detector;
    private final StopStrings stops;
    private final ContentListener content;
    private final StringBuilder text = new StringBuilder();
    // log-probabilities of ordinary tokens read since the last piece of content: they go out with the next piece
    private final List<TokenLogprobs> pendingLogprobs = new ArrayList<>();
    private TokenLogprobs announced;
    private boolean stoppedByString;
    private long firstTokenNanos;

    /**
     * @param structured true when the backend returns calls as data: no detector, all text is content
     * @param stops      stop strings, none empty
     * @param content    receives each piece of certain answer text, never empty, with the log-probabilities of the
     *                   tokens read since the previous piece when the backend reports them
     */
    TurnStream(Tokenizer tokenizer, boolean structured, List<String> stops, ContentListener content) {
        this.tokenizer = tokenizer;
        this.decoder = new Utf8StreamDecoder(tokenizer);
        this.detector = structured ? null : ToolCallDetector.forTokens();
        this.stops = new StopStrings(stops);
        this.content = content;
    }

    /** Reads the forced start of the turn (a call opener): seen by the detector, never checked for stop strings. */
    void force(int[] ids) {
        if (detector == null) {
            return;
        }
        Utf8StreamDecoder forced = new Utf8StreamDecoder(tokenizer);
        for (int id : ids) {
            if (id == SpecialTokens.PYTHON_TAG) {
                emit(detector.accept(forced.flush()));
                emit(detector.acceptPythonTag());
            } else if (!tokenizer.isSpecial(id)) {
                emit(detector.accept(forced.accept(id)));
            }
        }
        emit(detector.accept(forced.flush()));
    }

    @Override
    public void onLogprobs(TokenLogprobs logprobs) {
        announced = logprobs;
    }

    @Override
    public boolean onToken(int tokenId) {
        if (firstTokenNanos == 0) {
            firstTokenNanos = System.nanoTime();
        }
        TokenLogprobs logprobs = announced;
        announced = null;
        if (stoppedByString) {
            return false;
        }
        if (!tokenizer.isSpecial(tokenId)) {
            // special tokens are not text, so they have no place among the answer's tokens
            if (logprobs != null && logprobs.tokenId() == tokenId) {
                pendingLogprobs.add(logprobs);
            }
            return ordinary(decoder.accept(tokenId));
        }
        // a character cut by the special token is complete now or never; a stop string cannot span it
        if (ordinary(decoder.flush())) {
            deliver(stops.release());
            if (tokenId == SpecialTokens.PYTHON_TAG && detector != null) {
                emit(detector.acceptPythonTag());
            }
        }
        // stop ids end the turn in the backend; other special tokens are not text (spec §9.1)
        return !stoppedByString;
    }

    /** {@link System#nanoTime()} of the first token, or 0 before it. */
    long firstTokenNanos() {
        return firstTokenNanos;
    }

    /** Whether a stop string ended the generation. */
    boolean stoppedByString() {
        return stoppedByString;
    }

    /**
     * Ends the generation: parses everything read, applies the undeclared-tools rule and emits the content not yet
     * streamed.
     *
     * @param result the backend's result
     * @param calls  which tools may be called
     */
    ParsedTurn finish(TurnResult result, DeclaredTools calls) {
        if (!stoppedByString) {
            ordinary(decoder.flush());
        }
        deliver(stops.release());
        // a turn a stop string cut short is read as truncated: a call in it is never complete (spec §9.2 step 2)
        Stop stop = stoppedByString || !result.stopped() ? Stop.LENGTH
                : result.stopId() == SpecialTokens.EOM ? Stop.EOM : Stop.EOT;
        if (detector == null) {
            pendingLogprobs.clear();
            return calls.structured(text.toString(), stoppedByString ? List.of() : result.calls(), stop);
        }
        ToolCallDetector.End end = detector.finish(stop);
        String undeclared = calls.firstUndeclared(end.turn());
        if (undeclared != null) {
            end = detector.asContent(end.turn(), DeclaredTools.problem(undeclared));
        }
        emit(end.remainingContent());
        // what is still pending was cut by a stop string or belongs to a call: never answer text
        pendingLogprobs.clear();
        return end.turn();
    }

    private boolean ordinary(String decoded) {
        StopStrings.Scan scan = stops.accept(decoded);
        stoppedByString |= scan.stopped();
        deliver(scan.safe());
        return !stoppedByString;
    }

    private void deliver(String safe) {
        if (detector == null) {
            text.append(safe);
            emit(safe);
        } else {
            emit(detector.accept(safe));
        }
    }

    private void emit(String piece) {
        if (!piece.isEmpty()) {
            content.accept(piece, List.copyOf(pendingLogprobs));
            pendingLogprobs.clear();
        }
    }
}
