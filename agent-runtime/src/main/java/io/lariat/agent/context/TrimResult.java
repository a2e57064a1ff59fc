package io.lariat.agent.context;

/**
 * What the policy decided: drop the entries {@code [from, from + count)}, a run of whole turns.
 *
 * @param from          index of the first entry to drop
 * @param count         number of entries to drop; 0 when the conversation fits
 * @param tokensDropped tokens held by the dropped entries
 * @param tokensKept    the conversation's size after dropping them
 */
public record TrimResult(int from, int count, int tokensDropped, int tokensKept) {

    /** Whether anything has to be dropped. */
    public boolean trims() {
        return count > 0;
    }
}
