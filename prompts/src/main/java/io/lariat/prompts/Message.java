package io.lariat.prompts;

/**
 * One message of a Llama 3 chat conversation.
 *
 * <p>The set is closed: system text, user text, an assistant turn (text and/or tool calls), and a tool result,
 * which the format writes under the {@code ipython} header (spec §2.1). All implementations are immutable records
 * and safe to share between threads.
 */
public sealed interface Message permits SystemMessage, UserMessage, AssistantMessage, ToolResultMessage {

    /** The role as written in the message header: {@code system}, {@code user}, {@code assistant} or {@code ipython}. */
    String headerRole();
}
