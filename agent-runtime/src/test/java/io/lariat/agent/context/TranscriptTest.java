package io.lariat.agent.context;

import io.lariat.prompts.AssistantMessage;
import io.lariat.prompts.ToolResultMessage;
import io.lariat.prompts.UserMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TranscriptTest {

    private static Transcript sample() {
        Transcript t = new Transcript();
        t.setPrefix("a", new int[] {1, 2, 3});
        t.append(new UserMessage("q1"), new int[] {10, 11});
        t.append(AssistantMessage.text("a1"), new int[] {20});
        t.append(new UserMessage("q2"), new int[] {30, 31, 32});
        t.append(new ToolResultMessage("c1", "f", "r"), new int[] {40});
        return t;
    }

    @Test
    void everyAppendIsAccounted() {
        Transcript t = sample();
        assertEquals(10, t.tokens());
        assertArrayEquals(new int[] {1, 2, 3, 10, 11, 20, 30, 31, 32, 40, 99}, t.promptIds(new int[] {99}));
    }

    @Test
    void contextEntriesStartWithThePinnedPrefix() {
        assertEquals(List.of(new ContextEntry(EntryRole.SYSTEM, 3), new ContextEntry(EntryRole.USER, 2),
                new ContextEntry(EntryRole.ASSISTANT, 1), new ContextEntry(EntryRole.USER, 3),
                new ContextEntry(EntryRole.TOOL, 1)), sample().contextEntries());
    }

    @Test
    void droppingATurnRemovesItsMessagesAndTokens() {
        Transcript t = sample();
        t.drop(new ContextPolicy(8, 0.5).plan(t.contextEntries(), 0));
        assertEquals(List.of(new UserMessage("q2"), new ToolResultMessage("c1", "f", "r")), t.messages());
        assertEquals(7, t.tokens());
        assertArrayEquals(new int[] {1, 2, 3, 30, 31, 32, 40}, t.promptIds(new int[0]));
    }

    @Test
    void replacingThePrefixKeepsMessagesAndRecountsTokens() {
        Transcript t = sample();
        t.setPrefix("b", new int[] {7});
        assertEquals(8, t.tokens());
        assertEquals("b", t.prefixKey());
        assertEquals(4, t.size());
    }
}
