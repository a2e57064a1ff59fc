package io.lariat.agent.context;

import io.lariat.agent.ContextOverflowException;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The default context policy: keep the system prompt and the newest turns, drop the oldest whole turns.
 *
 * <p>A turn is a user message with everything after it up to the next user message, so a tool call is never
 * separated from its result. The newest turn is never dropped: when it alone (with the system prompt and the room
 * reserved for the answer) exceeds the window, {@link ContextOverflowException} is thrown. Immutable and
 * thread-safe.
 */
public final class ContextPolicy {
    private static final String MARKER = "\n[truncated by Lariat: the result held %d tokens; the first %d are shown]";

    private final int windowTokens;
    private final double toolResultShare;

    /**
     * @param windowTokens    the context window in tokens (the model's, or a configured smaller one)
     * @param toolResultShare the largest share of the window a single tool result may take, in (0, 1]
     */
    public ContextPolicy(int windowTokens, double toolResultShare) {
        if (windowTokens <= 0) {
            throw new IllegalArgumentException("window must be positive: " + windowTokens);
        }
        if (!(toolResultShare > 0 && toolResultShare <= 1)) {
            throw new IllegalArgumentException("tool result share must be in (0, 1]: " + toolResultShare);
        }
        this.windowTokens = windowTokens;
        this.toolResultShare = toolResultShare;
    }

    /** The context window in tokens. */
    public int windowTokens() {
        return windowTokens;
    }

    /** The largest number of tokens one tool result may hold. */
    public int toolResultLimit() {
        return Math.max(1, (int) (windowTokens * toolResultShare));
    }

    /**
     * Decides which oldest turns to drop so that the entries plus {@code reserve} fit the window.
     *
     * @param entries the conversation, oldest first; leading {@link EntryRole#SYSTEM} entries are pinned
     * @param reserve tokens to keep free after the entries (generation prompt and the answer)
     * @return the run of entries to drop (count 0 when everything fits)
     * @throws ContextOverflowException when even the pinned entries and the newest turn do not fit
     */
    public TrimResult plan(List<ContextEntry> entries, int reserve) {
        int total = entries.stream().mapToInt(ContextEntry::tokens).sum();
        int pinned = 0;
        while (pinned < entries.size() && entries.get(pinned).role() == EntryRole.SYSTEM) {
            pinned++;
        }
        if (total + reserve <= windowTokens) {
            return new TrimResult(pinned, 0, 0, total);
        }
        int dropped = 0;
        int end = pinned;
        int lastTurnStart = lastUserIndex(entries, pinned);
        int i = pinned;
        while (i < lastTurnStart && total - dropped + reserve > windowTokens) {
            int next = nextTurnStart(entries, i + 1, lastTurnStart);
            for (int k = i; k < next; k++) {
                dropped += entries.get(k).tokens();
            }
            end = next;
            i = next;
        }
        if (total - dropped + reserve > windowTokens) {
            throw new ContextOverflowException(total - dropped + reserve, windowTokens, reserve);
        }
        return new TrimResult(pinned, end - pinned, dropped, total - dropped);
    }

    /**
     * Cuts a tool result to {@link #toolResultLimit()} tokens, ending it with a visible marker.
     *
     * @param content the result text
     * @param counter counts the tokens of a text (the model's tokenizer)
     * @return the content unchanged when it fits, else its head followed by the marker
     */
    public String truncateToolResult(String content, ToIntFunction<String> counter) {
        int limit = toolResultLimit();
        int tokens = counter.applyAsInt(content);
        if (tokens <= limit) {
            return content;
        }
        int budget = Math.max(0, limit - counter.applyAsInt(MARKER.formatted(tokens, limit)));
        // Token density varies along a text: shrink proportionally until the head fits the budget.
        int chars = (int) ((long) content.length() * budget / tokens);
        String head = head(content, chars);
        while (!head.isEmpty() && counter.applyAsInt(head) > budget) {
            head = head(content, head.length() * 9 / 10);
        }
        return head + MARKER.formatted(tokens, counter.applyAsInt(head));
    }

    /** The first {@code chars} characters, never ending inside a surrogate pair. */
    private static String head(String content, int chars) {
        int end = chars > 0 && Character.isHighSurrogate(content.charAt(chars - 1)) ? chars - 1 : chars;
        return content.substring(0, end);
    }

    private static int lastUserIndex(List<ContextEntry> entries, int pinned) {
        for (int i = entries.size() - 1; i >= pinned; i--) {
            if (entries.get(i).role() == EntryRole.USER) {
                return i;
            }
        }
        return pinned;
    }

    private static int nextTurnStart(List<ContextEntry> entries, int from, int limit) {
        int i = from;
        while (i < limit && entries.get(i).role() != EntryRole.USER) {
            i++;
        }
        return i;
    }
}
