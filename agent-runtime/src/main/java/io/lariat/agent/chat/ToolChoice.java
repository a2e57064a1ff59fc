package io.lariat.agent.chat;

/**
 * Whether and which tool the model must call, as OpenAI's {@code tool_choice} says; honoured by constraining how
 * the assistant turn starts.
 */
public sealed interface ToolChoice {
    /** The model decides (the default when tools are given). */
    record Auto() implements ToolChoice {
    }

    /** Tools are not offered: the prompt declares none, so the model answers in text. */
    record None() implements ToolChoice {
    }

    /** The model must call some tool: the turn is started as a call. */
    record Required() implements ToolChoice {
    }

    /** The model must call this tool: the turn is started as a call to it. */
    record Function(String name) implements ToolChoice {
    }
}
