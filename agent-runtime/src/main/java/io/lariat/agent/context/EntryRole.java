package io.lariat.agent.context;

/** The role of one conversation entry, as far as trimming is concerned. */
public enum EntryRole {
    /** The system prompt (and tool definitions); never dropped. */
    SYSTEM,
    /** A user message; it opens a turn. */
    USER,
    /** An assistant message, with or without tool calls. */
    ASSISTANT,
    /** A tool result; belongs to the assistant message before it. */
    TOOL
}
