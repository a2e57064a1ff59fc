package io.lariat.agent.context;

import io.lariat.prompts.AssistantMessage;
import io.lariat.prompts.Message;
import io.lariat.prompts.SystemMessage;
import io.lariat.prompts.ToolResultMessage;
import io.lariat.prompts.UserMessage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A conversation as messages and as the exact token ids the model saw, with a running token count.
 *
 * <p>The prefix holds the rendered system prompt and tool definitions; every later message keeps the ids it was
 * rendered (or, for assistant turns, sampled) as, so the prompt of the next turn is the concatenation of what the
 * model already evaluated plus the new ids, and the backend's prefix cache always hits (spec §11 raw replay).
 * Not thread-safe: a session runs one turn at a time.
 */
public final class Transcript {

    /** One message with the ids it occupies in the prompt. */
    public record Entry(Message message, int[] ids) {
        /** The entry's role for trimming. */
        public EntryRole role() {
            return switch (message) {
                case SystemMessage s -> EntryRole.SYSTEM;
                case UserMessage u -> EntryRole.USER;
                case AssistantMessage a -> EntryRole.ASSISTANT;
                case ToolResultMessage t -> EntryRole.TOOL;
            };
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private int[] prefix = new int[0];
    private String prefixKey = "";
    private int tokens;
    private int calls;

    /** The rendered system prompt and tools; empty before the first run. */
    public int[] prefix() {
        return prefix.clone();
    }

    /** Identifies what the prefix was rendered from (the agent's name and settings), to detect a change. */
    public String prefixKey() {
        return prefixKey;
    }

    /** Replaces the prefix, keeping the messages. */
    public void setPrefix(String key, int[] ids) {
        tokens += ids.length - prefix.length;
        prefix = ids.clone();
        prefixKey = key;
    }

    /** Appends a message with the ids it occupies; accounts its tokens. */
    public void append(Message message, int[] ids) {
        entries.add(new Entry(message, ids.clone()));
        tokens += ids.length;
    }

    /** Removes every message after the first {@code size}, undoing an abandoned run. */
    public void truncate(int size) {
        List<Entry> tail = entries.subList(size, entries.size());
        tokens -= tail.stream().mapToInt(e -> e.ids().length).sum();
        tail.clear();
    }

    /** A new tool-call id, unique within this conversation. */
    public String nextCallId() {
        return "call_" + ++calls;
    }

    /** Tokens held by the prefix and every message. */
    public int tokens() {
        return tokens;
    }

    /** The messages after the prefix, oldest first. */
    public List<Message> messages() {
        return entries.stream().map(Entry::message).toList();
    }

    /** Number of messages after the prefix. */
    public int size() {
        return entries.size();
    }

    /** The prefix and every message as trimming sees them; index 0 is the prefix. */
    public List<ContextEntry> contextEntries() {
        List<ContextEntry> list = new ArrayList<>(entries.size() + 1);
        list.add(new ContextEntry(EntryRole.SYSTEM, prefix.length));
        entries.forEach(e -> list.add(new ContextEntry(e.role(), e.ids().length)));
        return list;
    }

    /** Removes the entries a {@link ContextPolicy#plan} chose, with indices as in {@link #contextEntries()}. */
    public void drop(TrimResult trim) {
        List<Entry> dropped = entries.subList(trim.from() - 1, trim.from() - 1 + trim.count());
        tokens -= dropped.stream().mapToInt(e -> e.ids().length).sum();
        dropped.clear();
    }

    /** The prompt: prefix, every message, then {@code suffix} (the assistant header). */
    public int[] promptIds(int[] suffix) {
        int[] ids = Arrays.copyOf(prefix, tokens + suffix.length);
        int at = prefix.length;
        for (Entry e : entries) {
            System.arraycopy(e.ids(), 0, ids, at, e.ids().length);
            at += e.ids().length;
        }
        System.arraycopy(suffix, 0, ids, at, suffix.length);
        return ids;
    }
}
