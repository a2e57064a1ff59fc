package io.lariat.examples.demo;

import io.lariat.prompts.Message;
import java.time.LocalDate;
import java.util.List;

/**
 * A complete generated conversation: system prompt, question, tool call, the tool's real output and the answer.
 *
 * @param task     the task it was generated from
 * @param today    the date rendered in the system prompt
 * @param messages system, user, assistant call, tool result, assistant answer
 * @param answer   the final answer and what a correct answer must contain
 */
public record DemoConversation(DemoTask task, LocalDate today, List<Message> messages, DemoTask.Answer answer) {

    public DemoConversation {
        messages = List.copyOf(messages);
    }

    /** The messages the model sees before its first turn: system and user. */
    public List<Message> prompt() {
        return messages.subList(0, 2);
    }
}
