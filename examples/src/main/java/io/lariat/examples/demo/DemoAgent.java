package io.lariat.examples.demo;

import io.lariat.engine.sampling.SamplingOptions;
import io.lariat.tools.BuiltinTools;
import java.util.List;

/**
 * The four example agents the bundled demo model is trained for: their names, system prompts and tools.
 *
 * <p>The demo model only knows these prompts and tools: an agent that runs on it must render exactly this system
 * text and these tools (the concierge's custom tools are {@link ConciergeTools}), or the model sees a prompt it
 * was never trained on.
 */
public enum DemoAgent {

    /** Arithmetic through the wolfram_alpha built-in. */
    CALCULATOR("calculator", "You are a calculator. Use wolfram_alpha for every calculation, then state the result.",
            List.of(BuiltinTools.CALCULATOR)),
    /** Answers from the bundled corpus through the brave_search built-in. */
    RESEARCHER("researcher", "You are a researcher. Search with brave_search and answer from the results, "
            + "citing the source.", List.of(BuiltinTools.SEARCH)),
    /** Computes with Python through code_interpreter. */
    ANALYST("analyst", "You are a data analyst. Write Python to compute the answer, then report it.",
            List.of(BuiltinTools.CODE_INTERPRETER)),
    /** Order lookups and unit conversions through custom JSON tools. */
    CONCIERGE("concierge", "You are a shop concierge. Use the tools to look up orders and convert units.",
            List.of());

    /**
     * How the example agents sample: greedily, because a tool call must copy the user's values exactly, and the
     * demo model's held-out figures ({@code lariat eval-demo}) are measured this way.
     */
    public static final SamplingOptions SAMPLING = SamplingOptions.greedy();

    private final String agentName;
    private final String systemPrompt;
    private final List<String> builtinTools;

    DemoAgent(String agentName, String systemPrompt, List<String> builtinTools) {
        this.agentName = agentName;
        this.systemPrompt = systemPrompt;
        this.builtinTools = builtinTools;
    }

    /** The name used on the command line ({@code ./lariat agent calculator ...}). */
    public String agentName() {
        return agentName;
    }

    /** The system text rendered after the tool and date lines. */
    public String systemPrompt() {
        return systemPrompt;
    }

    /** Built-in tools enabled for this agent, in the order the {@code Tools:} line lists them. */
    public List<String> builtinTools() {
        return builtinTools;
    }

    /** Whether this agent uses the custom {@link ConciergeTools}. */
    public boolean usesCustomTools() {
        return this == CONCIERGE;
    }
}
