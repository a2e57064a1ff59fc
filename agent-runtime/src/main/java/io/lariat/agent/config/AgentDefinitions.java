package io.lariat.agent.config;

import io.lariat.agent.Agent;
import io.lariat.agent.backend.ModelBackend;
import io.lariat.engine.sampling.SamplingOptions;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Maps an agent declared in configuration onto the same {@link Agent.Builder} code uses. */
public final class AgentDefinitions {
    private AgentDefinitions() {
    }

    /**
     * The builder of the agent declared under {@code lariat.agents.<name>}.
     *
     * @param backend the model the agent runs on (resolved from {@link AgentConfig#model()} by the caller)
     * @throws IllegalStateException naming the key when a tool cannot be found
     */
    public static Agent.Builder builder(String name, AgentConfig config, ModelBackend backend, ToolSources tools) {
        Agent.Builder builder = Agent.builder(name).backend(backend).systemPrompt(config.systemPrompt())
                .maxIterations(config.maxIterations()).maxTokensPerTurn(config.maxTokensPerTurn())
                .turnTimeout(config.timeout()).sampling(sampling(config.sampling()))
                .constrainedCalls(config.constrainedCalls());
        config.tokenBudget().ifPresent(builder::tokenBudget);
        List<String> builtins = config.builtins().orElse(List.of());
        Set<Object> implementations = new LinkedHashSet<>();
        for (String builtin : builtins) {
            implementations.add(lookup(() -> tools.builtins().apply(builtin), name, "builtins", builtin));
        }
        builder.builtin(builtins.toArray(String[]::new)).builtinTools(implementations.toArray());
        List<Object> custom = new ArrayList<>();
        for (String tool : config.tools().orElse(List.of())) {
            Object object = tools.customTools().get(tool);
            if (object == null) {
                throw new IllegalStateException("lariat.agents." + name + ".tools: no tool object named '" + tool
                        + "'; known: " + tools.customTools().keySet().stream().sorted().toList());
            }
            custom.add(object);
        }
        return builder.tools(custom.toArray());
    }

    /** Sampling options from their configuration group. */
    public static SamplingOptions sampling(AgentConfig.SamplingConfig config) {
        SamplingOptions.Builder b = SamplingOptions.builder().temperature(config.temperature()).topK(config.topK())
                .topP(config.topP()).minP(config.minP()).repeatPenalty(config.repeatPenalty());
        config.seed().ifPresent(b::seed);
        return b.build();
    }

    private static Object lookup(java.util.function.Supplier<Object> find, String agent, String key, String value) {
        try {
            return find.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("lariat.agents." + agent + "." + key + ": " + e.getMessage(), e);
        }
    }
}
