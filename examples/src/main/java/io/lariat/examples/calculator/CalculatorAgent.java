package io.lariat.examples.calculator;

import io.lariat.agent.Agent;
import io.lariat.agent.backend.ModelBackend;
import io.lariat.examples.demo.DemoAgent;
import io.lariat.tools.BuiltinTools;
import io.lariat.tools.builtin.calculator.CalculatorTool;

/**
 * The {@code calculator} example: a built-in tool in three lines.
 *
 * <p>{@code builtin(...)} announces {@code wolfram_alpha} in the system prompt's {@code Tools:} line, the way Llama
 * 3.1 was trained; {@code builtinTools(...)} supplies the implementation that answers the model's
 * {@code <|python_tag|>wolfram_alpha.call(query="...")} — here the exact offline calculator.
 */
public final class CalculatorAgent {
    /** The name on the command line: {@code lariat agent calculator "What is 17% of 2340?"}. */
    public static final String NAME = "calculator";

    private CalculatorAgent() {
    }

    /** The agent on {@code backend}, answering calls with {@code calculator}. */
    public static Agent create(ModelBackend backend, CalculatorTool calculator) {
        return define(Agent.builder(NAME).backend(backend), calculator).build();
    }

    /**
     * Adds this example's prompt, tool and limits to {@code builder}.
     *
     * @param calculator the {@code wolfram_alpha} implementation (the local calculator, or Wolfram Alpha's)
     */
    public static Agent.Builder define(Agent.Builder builder, Object calculator) {
        return builder
                // The bundled demo model was trained on exactly this system prompt.
                .systemPrompt(DemoAgent.CALCULATOR.systemPrompt())
                .builtin(BuiltinTools.CALCULATOR)
                .builtinTools(calculator)
                .sampling(DemoAgent.SAMPLING)
                .maxIterations(4);
    }
}
