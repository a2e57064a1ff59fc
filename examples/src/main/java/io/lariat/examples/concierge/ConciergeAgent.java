package io.lariat.examples.concierge;

import io.lariat.agent.Agent;
import io.lariat.agent.backend.ModelBackend;
import io.lariat.examples.demo.ConciergeTools;
import io.lariat.examples.demo.DemoAgent;
import io.lariat.prompts.CustomToolStyle;

/**
 * The {@code concierge} example: custom Java tools the model calls in Llama 3.1's JSON format.
 *
 * <p>{@link ConciergeTools} is a plain object whose {@code @Tool} methods ({@code lookup_order},
 * {@code convert_units}) become tool definitions: names in snake_case, JSON Schema from the parameter types, the
 * {@code @ToolParam} texts as descriptions. The model answers with {@code {"name": "lookup_order", "parameters":
 * {"orderId": "A-10234"}}}; the registry validates and binds the arguments, and a bad argument comes back to the
 * model as an error result it can correct.
 */
public final class ConciergeAgent {
    /** The name on the command line: {@code lariat agent concierge "Where is my order A-10234?"}. */
    public static final String NAME = "concierge";

    private ConciergeAgent() {
    }

    /** The agent on {@code backend}. */
    public static Agent create(ModelBackend backend) {
        return define(Agent.builder(NAME).backend(backend), new ConciergeTools()).build();
    }

    /** Adds this example's prompt, tools and limits to {@code builder}, with {@code tools} answering the calls. */
    public static Agent.Builder define(Agent.Builder builder, ConciergeTools tools) {
        return builder
                .systemPrompt(DemoAgent.CONCIERGE.systemPrompt())
                .tools(tools)
                .toolStyle(CustomToolStyle.JSON)
                .sampling(DemoAgent.SAMPLING)
                .maxIterations(4);
    }
}
