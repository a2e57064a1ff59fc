package io.lariat.examples.demo;

import io.lariat.prompts.parse.ToolCall;

/**
 * One generated task: the user's question, the tool call a correct agent makes, and how it answers from the
 * tool's output.
 *
 * @param agent    the agent the task is for
 * @param question the user's message
 * @param call     the expected tool call
 * @param answerer writes the final answer from the tool's output
 */
public record DemoTask(DemoAgent agent, String question, ToolCall call, Answerer answerer) {

    /** Writes the final answer of a task from the tool's output text. */
    @FunctionalInterface
    public interface Answerer {
        /** The answer for {@code toolOutput}. */
        Answer answer(String toolOutput);
    }

    /**
     * A final answer and the fragment a correct answer must contain (the value taken from the tool).
     *
     * @param text        the answer the model is trained to give
     * @param mustContain what evaluation looks for in the model's answer
     */
    public record Answer(String text, String mustContain) {
    }
}
