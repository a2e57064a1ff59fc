package io.lariat.cli;

import io.lariat.agent.AgentRuntime;
import io.lariat.examples.ExampleAgent;
import io.lariat.examples.demo.ConciergeTools;
import io.quarkus.arc.ClientProxy;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code lariat serve} serves the four example agents ({@code GET /agents}, {@code POST /agents/calculator}, ...)
 * next to the default agent and those of {@code lariat.agents.*}.
 *
 * <p>The server is one more application built with the extension, so the examples take their tools as any
 * application's agents do: the built-ins from the runtime, configured by {@code lariat.search.*},
 * {@code lariat.calculator.*} and {@code lariat.python.*}, and the concierge's tools as a CDI bean. Keys under
 * {@code lariat.agents.<example>.*} tune an example (model, limits, token budget); what the example declares (its
 * prompt, tools and sampling, which the demo model was trained on) stays.
 */
@ApplicationScoped
public class ServedExamples {

    void declare(@Observes StartupEvent start, AgentRuntime runtime, ConciergeTools concierge) {
        // the tool registry reads @Tool methods off the bean's own class, not its client proxy's
        ConciergeTools tools = ClientProxy.unwrap(concierge);
        for (ExampleAgent example : ExampleAgent.values()) {
            runtime.declare(example.agentName(), builder -> example.define(builder, runtime::builtinTool, tools));
        }
    }
}
