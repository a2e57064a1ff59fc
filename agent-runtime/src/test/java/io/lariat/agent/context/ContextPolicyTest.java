package io.lariat.agent.context;

import io.lariat.agent.ContextOverflowException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.lariat.agent.context.EntryRole.ASSISTANT;
import static io.lariat.agent.context.EntryRole.SYSTEM;
import static io.lariat.agent.context.EntryRole.TOOL;
import static io.lariat.agent.context.EntryRole.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ContextPolicyTest {

    private static ContextEntry e(EntryRole role, int tokens) {
        return new ContextEntry(role, tokens);
    }

    /** system 10 | turn A: user 5, call 5, result 20, answer 5 | turn B: user 5, answer 5 | turn C: user 5. */
    private static final List<ContextEntry> CONVERSATION = List.of(
            e(SYSTEM, 10), e(USER, 5), e(ASSISTANT, 5), e(TOOL, 20), e(ASSISTANT, 5),
            e(USER, 5), e(ASSISTANT, 5), e(USER, 5));

    @Test
    void conversationThatFitsIsKept() {
        TrimResult result = new ContextPolicy(100, 0.5).plan(CONVERSATION, 40);
        assertEquals(new TrimResult(1, 0, 0, 60), result);
    }

    @Test
    void oldestWholeTurnIsDroppedWithItsCallsAndResults() {
        TrimResult result = new ContextPolicy(60, 0.5).plan(CONVERSATION, 10);
        assertEquals(new TrimResult(1, 4, 35, 25), result);
    }

    @Test
    void olderTurnsAreDroppedUntilTheNewestFits() {
        TrimResult result = new ContextPolicy(30, 0.5).plan(CONVERSATION, 10);
        assertEquals(new TrimResult(1, 6, 45, 15), result);
    }

    @Test
    void newestTurnTooBigForTheWindowIsAnOverflow() {
        List<ContextEntry> entries = List.of(e(SYSTEM, 10), e(USER, 5), e(ASSISTANT, 5), e(USER, 50));
        ContextOverflowException ex = assertThrows(ContextOverflowException.class,
                () -> new ContextPolicy(64, 0.5).plan(entries, 8));
        assertEquals(68, ex.requiredTokens());
        assertEquals(64, ex.windowTokens());
        assertEquals(8, ex.reservedTokens());
        assertEquals("context overflow: 68 tokens needed, window holds 64; 8 of them are kept free for each answer"
                + " (the agent's max-tokens-per-turn plus the reply header): raise lariat.context-size or lower"
                + " lariat.agents.<name>.max-tokens-per-turn", ex.getMessage());
    }

    @Test
    void callAndResultsOfTheCurrentTurnAreNeverSplit() {
        List<ContextEntry> entries = List.of(e(SYSTEM, 10), e(USER, 5), e(ASSISTANT, 5), e(TOOL, 30));
        assertThrows(ContextOverflowException.class, () -> new ContextPolicy(45, 0.5).plan(entries, 5));
    }

    @Test
    void shortToolResultIsUnchanged() {
        assertEquals("abc", new ContextPolicy(100, 0.1).truncateToolResult("abc", String::length));
    }

    @Test
    void longToolResultIsCutToItsShareWithAVisibleMarker() {
        ContextPolicy policy = new ContextPolicy(1000, 0.1);
        String content = "x".repeat(5000);
        // one token per character: the 100-token limit holds the marker (76 characters) and 24 characters of text
        String truncated = policy.truncateToolResult(content, String::length);
        assertEquals("x".repeat(24) + "\n[truncated by Lariat: the result held 5000 tokens; the first 24 are shown]",
                truncated);
    }
}
