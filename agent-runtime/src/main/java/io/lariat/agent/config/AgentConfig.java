package io.lariat.agent.config;

import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** One agent declared in configuration under {@code lariat.agents.<name>}; maps onto the same builder as code. */
public interface AgentConfig {

    /** The system prompt. */
    @WithDefault("You are a helpful assistant.")
    String systemPrompt();

    /** The model this agent runs on; absent means {@code lariat.model}. */
    Optional<String> model();

    /** Built-in tools by name: {@code brave_search}, {@code wolfram_alpha}, {@code code_interpreter}. */
    Optional<List<String>> builtins();

    /** Custom tools: simple or fully qualified class names of beans holding {@code @Tool} methods. */
    Optional<List<String>> tools();

    /** Model turns allowed per run before it ends with a message saying so. */
    @WithDefault("10")
    int maxIterations();

    /** Tokens the model may generate in one turn. */
    @WithDefault("1024")
    int maxTokensPerTurn();

    /** Tokens (evaluated and generated) one run may spend in total; absent means no budget. */
    OptionalInt tokenBudget();

    /** Wall-clock limit of one run. */
    @WithDefault("5m")
    Duration timeout();

    /**
     * Whether tool calls are constrained to the declared tools and their argument schemas once the model starts one
     * (embedded engine only; text answers stay free).
     */
    @WithDefault("true")
    boolean constrainedCalls();

    /** Sampling of this agent's model turns. */
    SamplingConfig sampling();

    /** Token sampling settings. */
    interface SamplingConfig {
        /** Softmax temperature; 0 means greedy decoding. */
        @WithDefault("0.6")
        float temperature();

        /** Keep only the k most likely tokens; 0 disables. */
        @WithDefault("40")
        int topK();

        /** Nucleus sampling threshold; 1 disables. */
        @WithDefault("0.9")
        float topP();

        /** Drop tokens less likely than this fraction of the most likely one; 0 disables. */
        @WithDefault("0.05")
        float minP();

        /** Penalty for repeating recent tokens; 1 disables. */
        @WithDefault("1.0")
        float repeatPenalty();

        /** Random seed for reproducible sampling; absent means a random seed chosen when the agent is built. */
        OptionalLong seed();
    }
}
