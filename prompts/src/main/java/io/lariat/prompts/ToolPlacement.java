package io.lariat.prompts;

/** Where custom tool definitions go (spec §6.1). */
public enum ToolPlacement {
    /** Before the text of the first user message: the official 3.1 default ({@code tools_in_user_message=true}). */
    FIRST_USER_MESSAGE,
    /** In the system message, after the date lines. */
    SYSTEM_MESSAGE
}
