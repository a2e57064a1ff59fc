package io.lariat.examples.demo;

import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.engine.train.TrainingExample;
import io.lariat.prompts.AssistantMessage;
import io.lariat.prompts.ChatFormat;
import io.lariat.prompts.Message;
import io.lariat.prompts.ToolPlacement;
import io.lariat.prompts.ToolSpec;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Renders demo conversations to token ids exactly as the agent runtime does (the prompts module's
 * {@link ChatFormat}, project defaults), with the loss on assistant tokens only.
 *
 * <p>An assistant turn's targets are its content and its end token ({@code <|eom_id|>} or {@code <|eot_id|>}); its
 * header is the runtime's generation prompt and is not trained. Immutable and thread-safe.
 */
public final class DemoRenderer {

    private final Tokenizer tokenizer;
    private final List<ToolSpec> customTools;

    /** A renderer; {@code customTools} are the concierge's tool definitions. */
    public DemoRenderer(Tokenizer tokenizer, List<ToolSpec> customTools) {
        this.tokenizer = tokenizer;
        this.customTools = List.copyOf(customTools);
    }

    /**
     * The format an agent renders with on a given date: the agent runtime's (custom tools in the system message,
     * where trimming can never drop them).
     */
    public ChatFormat format(DemoAgent agent, LocalDate today) {
        return ChatFormat.builder().tokenizer(tokenizer).builtinTools(agent.builtinTools())
                .tools(agent.usesCustomTools() ? customTools : List.of()).today(today)
                .toolPlacement(ToolPlacement.SYSTEM_MESSAGE).build();
    }

    /** The conversation as ids with a loss mask over the assistant turns. */
    public TrainingExample example(DemoConversation conversation) {
        ChatFormat format = format(conversation.task().agent(), conversation.today());
        List<Message> messages = conversation.messages();
        int[] ids = format.render(messages, false);
        boolean[] target = new boolean[ids.length];
        int[] header = format.generationPrompt();
        for (int i = 0; i < messages.size(); i++) {
            if (!(messages.get(i) instanceof AssistantMessage)) {
                continue;
            }
            int start = format.render(messages.subList(0, i), false).length;
            int end = format.render(messages.subList(0, i + 1), false).length;
            if (!Arrays.equals(Arrays.copyOfRange(ids, start, start + header.length), header)) {
                throw new IllegalStateException("assistant turn " + i + " does not start with the generation prompt");
            }
            Arrays.fill(target, start + header.length, end, true);
        }
        return new TrainingExample(ids, target);
    }
}
