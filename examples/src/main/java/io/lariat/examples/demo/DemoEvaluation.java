package io.lariat.examples.demo;

import io.lariat.engine.tokenizer.SpecialTokens;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.engine.train.GreedyDecoder;
import io.lariat.engine.train.TrainedModel;
import io.lariat.prompts.AssistantMessage;
import io.lariat.prompts.ChatFormat;
import io.lariat.prompts.Message;
import io.lariat.prompts.ToolResultMessage;
import io.lariat.prompts.parse.ParsedTurn;
import io.lariat.prompts.parse.ToolCall;
import io.lariat.prompts.parse.ToolCallParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures a trained model on held-out conversations the way an agent runs: greedy generation of the call, the
 * tool run on the model's own call, then greedy generation of the answer. Uses the trainer's float32 decoder.
 *
 * <p>A call is well-formed when the parser reads exactly one call to the expected tool; the answer is correct when
 * it contains the value the expected call's tool output gives. Not thread-safe (one decoder).
 */
public final class DemoEvaluation {

    private static final int MAX_TOKENS = 96;

    private final DemoRenderer renderer;
    private final Tokenizer tokenizer;
    private final ToolRunner tools;
    private final GreedyDecoder decoder;

    /** An evaluation of {@code model}. */
    public DemoEvaluation(TrainedModel model, DemoRenderer renderer, Tokenizer tokenizer, ToolRunner tools) {
        this.renderer = renderer;
        this.tokenizer = tokenizer;
        this.tools = tools;
        this.decoder = new GreedyDecoder(model, 2048);
    }

    /** Per-agent counts over one evaluation. */
    public record Score(DemoAgent agent, int tasks, int wellFormedCalls, int exactCalls, int correctAnswers) {

        @Override
        public String toString() {
            return String.format("%-10s tasks %d  well-formed call %.1f%%  exact call %.1f%%  correct answer %.1f%%",
                    agent.agentName(), tasks, 100.0 * wellFormedCalls / tasks, 100.0 * exactCalls / tasks,
                    100.0 * correctAnswers / tasks);
        }
    }

    /** Scores the conversations of one agent. */
    public Score score(DemoAgent agent, List<DemoConversation> conversations) {
        int wellFormed = 0;
        int exact = 0;
        int correct = 0;
        for (DemoConversation c : conversations) {
            Outcome o = run(c);
            wellFormed += o.wellFormed ? 1 : 0;
            exact += o.exactCall ? 1 : 0;
            correct += o.correctAnswer ? 1 : 0;
        }
        return new Score(agent, conversations.size(), wellFormed, exact, correct);
    }

    private record Outcome(boolean wellFormed, boolean exactCall, boolean correctAnswer) {
    }

    private Outcome run(DemoConversation c) {
        ChatFormat format = renderer.format(c.task().agent(), c.today());
        List<Message> messages = new ArrayList<>(c.prompt());
        int[] callIds = generate(format.render(messages, true));
        ParsedTurn turn = ToolCallParser.parse(tokenizer.decode(callIds));
        ToolCall expected = c.task().call();
        if (turn.calls().size() != 1 || !turn.calls().getFirst().name().equals(expected.name())) {
            return new Outcome(false, false, false);
        }
        ToolCall call = turn.calls().getFirst();
        boolean exactCall = call.arguments().toString().equals(expected.arguments().toString());
        messages.add(new AssistantMessage(null, List.of(call), withoutStop(callIds), end(callIds)));
        messages.add(new ToolResultMessage("call-1", call.name(), tools.run(call)));
        int[] answerIds = generate(format.render(messages, true));
        String answer = tokenizer.decode(withoutStop(answerIds));
        return new Outcome(true, exactCall, answer.contains(c.answer().mustContain()));
    }

    private int[] generate(int[] prompt) {
        return decoder.generate(prompt, MAX_TOKENS, SpecialTokens.EOM, SpecialTokens.EOT, SpecialTokens.END_OF_TEXT);
    }

    private static AssistantMessage.End end(int[] ids) {
        return ids.length > 0 && ids[ids.length - 1] == SpecialTokens.EOM ? AssistantMessage.End.EOM
                : AssistantMessage.End.EOT;
    }

    private static int[] withoutStop(int[] ids) {
        if (ids.length == 0) {
            return ids;
        }
        int last = ids[ids.length - 1];
        boolean stop = last == SpecialTokens.EOM || last == SpecialTokens.EOT || last == SpecialTokens.END_OF_TEXT;
        return stop ? java.util.Arrays.copyOf(ids, ids.length - 1) : ids;
    }
}
