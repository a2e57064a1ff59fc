package io.lariat.prompts.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides while a generation streams whether it is answer text or a tool call, so that answer text can be shown
 * at once and call text never is (spec §10).
 *
 * <p>Feed the decoded text of each token in order ({@link #accept}, special tokens as their literal names); each
 * call returns the text that is now certain to be answer content. Text is held back only while it could still
 * become a call: a start that could open a JSON call, a pythonic list or a fence around one; a {@code <} that could
 * open {@code <function=}; trailing whitespace (content is trimmed). After {@code <|python_tag|>} or a recognised
 * call opener everything is held. At the stop token, {@link #finish} parses the whole text with
 * {@link ToolCallParser} and returns the rest of the content, so the streamed text plus the rest equals
 * {@link ParsedTurn#content()} exactly.
 *
 * <p>Two modes. Text mode ({@link #ToolCallDetector()}) reads special tokens from their literal names in the text,
 * for text whose tokens are not known (the {@code parse} command). Token mode ({@link #forTokens()}) is for a
 * generation read token by token: {@link #accept} then takes only ordinary tokens' text, the real
 * {@code <|python_tag|>} token arrives through {@link #acceptPythonTag()} and the stop through
 * {@link #finish(Stop)}, so ordinary tokens that spell a special name never open a call (spec §10). One instance
 * per generation; not thread-safe.
 */
public final class ToolCallDetector {

    /** What the detector currently believes the generation is. */
    public enum State {
        /** Nothing decisive yet; the start is held back. */
        UNDECIDED,
        /** Answer text; it streams as it comes. */
        TEXT,
        /** A tool call (certain after {@code <|python_tag|>}, probable after an opener); nothing more streams. */
        CALL
    }

    /** The end of a generation: the parsed turn and the content that was held back and not yet streamed. */
    public record End(ParsedTurn turn, String remainingContent) {
    }

    private final StringBuilder all = new StringBuilder();
    /**
     * TEXT state: the cleaned text (special names removed, leading whitespace dropped) that no later token can
     * change, and the cleaned tail after it that still can (see {@link #heldTailStart}); removing special names is
     * confluent, so cleaning only the tail plus the new text equals cleaning everything, and each token costs time
     * proportional to the tail, not to the whole answer.
     */
    private final StringBuilder stable = new StringBuilder();
    private String unstable = "";
    /** Everything returned by {@link #accept} so far. */
    private final StringBuilder streamed = new StringBuilder();
    private State state = State.UNDECIDED;
    /** Token mode: special tokens never appear in {@link #all}; they arrive through their own methods. */
    private final boolean tokens;
    /** Token mode: where in {@link #all} the first {@code <|python_tag|>} token came, or -1. */
    private int pythonTagAt = -1;

    /** A detector in text mode: special tokens are read from their literal names. */
    public ToolCallDetector() {
        this(false);
    }

    private ToolCallDetector(boolean tokens) {
        this.tokens = tokens;
    }

    /** A detector in token mode: see the class comment. */
    public static ToolCallDetector forTokens() {
        return new ToolCallDetector(true);
    }

    /** The current belief. */
    public State state() {
        return state;
    }

    /**
     * Takes the decoded text of the next token(s).
     *
     * @param text decoded text, special tokens as their literal names; never null
     * @return the text now certain to be answer content, possibly empty, never null
     */
    public String accept(String text) {
        int searchFrom = Math.max(0, all.length() - SpecialText.PYTHON_TAG.length());
        all.append(text);
        if (state == State.CALL) {
            return "";
        }
        int tag = tokens ? -1 : all.indexOf(SpecialText.PYTHON_TAG, searchFrom);
        if (tag >= 0) {
            return tagged(tag);
        }
        if (state == State.TEXT) {
            return streaming(SpecialText.remove(unstable + text));
        }
        String cleaned = SpecialText.remove(all.toString()).stripLeading();
        // a tail that may still vanish (a special name being completed) must not decide anything
        String decisive = cleaned.substring(0, heldTailStart(cleaned));
        if (decisive.isEmpty()) {
            return "";
        }
        switch (CallOpeners.classify(decisive)) {
            case CALL -> state = State.CALL;
            case TEXT -> state = State.TEXT;
            case MAYBE -> { }
        }
        return state == State.TEXT ? streaming(cleaned) : "";
    }

    /**
     * Token mode: the {@code <|python_tag|>} token was sampled; a later one is part of the call's body.
     *
     * @return the text now certain to be answer content, possibly empty, never null
     * @throws IllegalStateException in text mode
     */
    public String acceptPythonTag() {
        if (!tokens) {
            throw new IllegalStateException("a text-mode detector reads <|python_tag|> from the text");
        }
        if (pythonTagAt >= 0) {
            return "";
        }
        pythonTagAt = all.length();
        return state == State.CALL ? "" : tagged(pythonTagAt);
    }

    /** spec §10: the tag is certain; the text before it stays content (spec §9.2 step 3). */
    private String tagged(int tag) {
        state = State.CALL;
        String before = SpecialText.remove(all.substring(0, tag)).strip();
        return emitUpTo(before.substring(0, heldTailStart(before)));
    }

    /**
     * TEXT state: everything up to a possible function tag or special name goes out, minus trailing whitespace.
     *
     * @param tail the cleaned text after {@link #stable}
     */
    private String streaming(String tail) {
        int function = tail.indexOf(FunctionTags.OPEN);
        if (function >= 0) {
            state = State.CALL;
            stable.append(tail, 0, function);
            unstable = "";
            return emitUpTo(stable);
        }
        int held = heldTailStart(tail);
        stable.append(tail, 0, held);
        unstable = tail.substring(held);
        return emitUpTo(stable);
    }

    /**
     * Emits the part of {@code target}, trailing whitespace excluded, beyond what was already emitted; every target
     * starts with the text already emitted, because that text is final by construction.
     */
    private String emitUpTo(CharSequence target) {
        int end = target.length();
        while (end > streamed.length() && Character.isWhitespace(target.charAt(end - 1))) {
            end--;
        }
        if (end <= streamed.length()) {
            return "";
        }
        String delta = target.subSequence(streamed.length(), end).toString();
        streamed.append(delta);
        return delta;
    }

    /**
     * Where the tail that might still join into a special name or {@code <function=} starts: the first {@code <}
     * from which every character could belong to such a marker (removing a special name can join the text around it,
     * so a shorter hold could release text the parser later removes), or the end of the text.
     */
    private static int heldTailStart(String text) {
        int start = text.length();
        for (int i = text.length() - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '<') {
                start = i;
            } else if (!isMarkerChar(c)) {
                break;
            }
        }
        return start;
    }

    private static boolean isMarkerChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '|' || c == '_' || c == '=' || c == '.' || c == '-'
                || c == '<');
    }

    /**
     * Ends the generation: parses everything received and returns the content not yet streamed.
     *
     * @return the parsed turn and the remaining content ({@code ""} when everything was streamed or the content is
     *         null); when the streamed text is not a prefix of the content, which the rules above prevent, nothing
     *         more is returned, so call text still never leaks
     */
    public End finish() {
        if (tokens) {
            throw new IllegalStateException("a token-mode detector needs the stop: finish(Stop)");
        }
        return end(ToolCallParser.parse(all.toString()));
    }

    /**
     * Token mode: ends the generation at {@code stop} (the stop token sampled, or {@link Stop#LENGTH}); otherwise
     * as {@link #finish()}.
     *
     * @throws IllegalStateException in text mode
     */
    public End finish(Stop stop) {
        if (!tokens) {
            throw new IllegalStateException("a text-mode detector reads the stop from the text: finish()");
        }
        return end(ToolCallParser.parse(all.toString(), pythonTagAt, stop));
    }

    /**
     * Ends the generation with {@code turn} replaced by its text as content: for a turn whose calls the caller may
     * not return (a tool it did not declare). The content is the whole generation without special names, trimmed.
     *
     * @param turn   the turn {@link #finish} parsed
     * @param reason why its calls are not calls, added to the problems
     */
    public End asContent(ParsedTurn turn, String reason) {
        List<String> problems = new ArrayList<>(turn.problems());
        problems.add(reason);
        return end(new ParsedTurn(ToolCallParser.content(SpecialText.remove(all.toString())), List.of(),
                turn.stop(), problems));
    }

    private End end(ParsedTurn turn) {
        String content = turn.content() == null ? "" : turn.content();
        String sent = streamed.toString();
        String rest = content.startsWith(sent) ? content.substring(sent.length()) : "";
        state = turn.hasCalls() ? State.CALL : State.TEXT;
        return new End(turn, rest);
    }
}
