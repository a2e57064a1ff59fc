package io.lariat.agent;

import io.lariat.agent.config.LariatConfigs;
import io.lariat.agent.config.ToolSources;
import io.lariat.agent.testing.SharedTestData;
import io.lariat.agent.testing.TestTools;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AgentRuntimeTest {
    private final TestTools.Builtins builtins = new TestTools.Builtins();
    private final ToolSources tools = new ToolSources(Map.of("TestTools", new TestTools()), name -> switch (name) {
        case "brave_search", "code_interpreter" -> builtins;
        default -> throw new IllegalArgumentException("unknown built-in tool '" + name + "'");
    });

    /** A runtime whose default model is a replay backend registered as {@code replay}: no model is loaded. */
    private AgentRuntime replayRuntime(Map<String, String> extra) {
        Map<String, String> props = new java.util.HashMap<>(extra);
        props.put("lariat.model", "replay");
        AgentRuntime runtime = AgentRuntime.create(LariatConfigs.of(props), tools);
        runtime.models().register("replay", io.lariat.agent.backend.ReplayBackend.of(SharedTestData.tokenizer()));
        return runtime;
    }

    private AgentRuntime runtime(Map<String, String> extra) {
        Map<String, String> props = new java.util.HashMap<>(extra);
        props.put("lariat.model", SharedTestData.file("tiny-llama31-q8_0.gguf").toString());
        props.put("lariat.context-size", "512");
        return AgentRuntime.create(LariatConfigs.of(props), tools);
    }

    @Test
    void warnsAtStartUpWhenMaxTokensPerTurnLeavesNoRoomForAPrompt() {
        assertEquals(List.of("agent 'default': max-tokens-per-turn 1024 leaves 0 of the 512-token context window for"
                        + " the prompt, so every run will overflow; lower lariat.agents.default.max-tokens-per-turn or"
                        + " raise lariat.context-size",
                "agent 'tight': max-tokens-per-turn 480 leaves 32 of the 512-token context window for the prompt, so"
                        + " every run will overflow; lower lariat.agents.tight.max-tokens-per-turn or raise"
                        + " lariat.context-size"),
                AgentRuntime.tightWindowWarnings(LariatConfigs.of(Map.of("lariat.context-size", "512",
                        "lariat.agents.tight.max-tokens-per-turn", "480",
                        "lariat.agents.roomy.max-tokens-per-turn", "256"))));
        assertEquals(List.of(), AgentRuntime.tightWindowWarnings(LariatConfigs.of(Map.of())));
    }

    @Test
    void prefixFolderAndBudgetComeFromTheKvSettingsForServerAndCliAlike() {
        java.nio.file.Path home = java.nio.file.Path.of("/home/someone");
        io.lariat.engine.EngineOptions defaults = AgentRuntime.keepPrefixes(io.lariat.engine.EngineOptions.builder(),
                LariatConfigs.of(Map.of()).kv(), home).build();
        assertEquals(1L << 30, defaults.prefixBudget());
        assertEquals(home.resolve(".lariat/cache/kv"), defaults.prefixDir());
        io.lariat.engine.EngineOptions set = AgentRuntime.keepPrefixes(io.lariat.engine.EngineOptions.builder(),
                LariatConfigs.of(Map.of("lariat.kv.prefix-budget", "64M", "lariat.kv.prefix-dir", "/tmp/kv")).kv(),
                home).build();
        assertEquals(64L << 20, set.prefixBudget());
        assertEquals(java.nio.file.Path.of("/tmp/kv"), set.prefixDir());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AgentRuntime.keepPrefixes(
                io.lariat.engine.EngineOptions.builder(),
                LariatConfigs.of(Map.of("lariat.kv.prefix-budget", "0")).kv(), home));
        assertEquals("lariat.kv.prefix-budget: must be a positive size such as 1G, got 0", e.getMessage());
    }

    @Test
    void pythonSettingsReachTheSandboxAndBadOnesNameTheirKey() {
        var python = LariatConfigs.of(Map.of("lariat.python.cpu-time", "0s")).python();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> io.lariat.agent.config.PythonSandboxes.builder(python));
        assertEquals("lariat.python.cpu-time must be positive, got PT0S", e.getMessage());
        var config = LariatConfigs.of(Map.of("lariat.python.worker-memory", "96M", "lariat.python.memory", "1G",
                "lariat.python.max-workers", "3", "lariat.python.warm-workers", "0", "lariat.python.wall-time", "7s"))
                .python();
        try (var interpreter = io.lariat.agent.config.PythonSandboxes.builder(config).build()) {
            assertEquals(new io.lariat.tools.builtin.python.PythonLimits(Duration.ofSeconds(10), Duration.ofSeconds(7),
                    96L << 20, 16384), interpreter.limits());
            assertEquals(0, interpreter.liveWorkers());
        }
    }

    @Test
    void configuredAgentRunsOnTheConfiguredModel() {
        try (AgentRuntime runtime = runtime(Map.of("lariat.agents.greeter.system-prompt", "Greet.",
                "lariat.agents.greeter.max-tokens-per-turn", "4", "lariat.agents.greeter.sampling.temperature", "0",
                "lariat.agents.greeter.tools", "TestTools",
                "lariat.agents.greeter.builtins", "brave_search,code_interpreter"))) {
            assertEquals(Set.of("default", "greeter"), runtime.agentNames());
            Agent greeter = runtime.agent("greeter");
            assertEquals(List.of("brave_search", "code_interpreter"), List.copyOf(greeter.builtins()));
            assertEquals(6, greeter.tools().definitions().size());
            assertEquals(4, greeter.limits().maxTokensPerTurn());
            Session session = runtime.sessions().create();
            List<AgentEvent> events = greeter.run(session, "Hi").collect().asList()
                    .await().atMost(Duration.ofMinutes(1));
            assertInstanceOf(StatsEvent.class, events.getLast());
            assertEquals(FinalEvent.FinishReason.LENGTH, events.stream().filter(FinalEvent.class::isInstance)
                    .map(e -> ((FinalEvent) e).reason()).findFirst().orElseThrow());
        }
    }

    @Test
    void configuredBuiltinsComeFromTheToolsModule() {
        Map<String, String> props = Map.of("lariat.model", "replay", "lariat.agents.calc.builtins", "wolfram_alpha");
        try (AgentRuntime runtime = AgentRuntime.create(LariatConfigs.of(props), Map.of())) {
            runtime.models().register("replay",
                    io.lariat.agent.backend.ReplayBackend.of(SharedTestData.tokenizer()));
            Agent calc = runtime.agent("calc");
            assertEquals(List.of("wolfram_alpha"), calc.tools().definitions().stream()
                    .map(d -> d.name()).toList());
            assertEquals(true, calc.tools().definitions().getFirst().builtin());
        }
    }

    @Test
    void defaultAgentExistsWithoutConfiguration() {
        try (AgentRuntime runtime = replayRuntime(Map.of())) {
            assertEquals(Set.of("default"), runtime.agentNames());
            assertEquals("default", runtime.agent("default").name());
        }
    }

    @Test
    void unknownAgentNamesTheDeclaredOnes() {
        try (AgentRuntime runtime = replayRuntime(Map.of("lariat.agents.a.system-prompt", "A."))) {
            AgentNotFoundException ex = assertThrows(AgentNotFoundException.class, () -> runtime.agent("b"));
            assertEquals("no agent named 'b'; declared agents: [a, default]", ex.getMessage());
        }
    }

    @Test
    void unknownToolFailsNamingTheKey() {
        try (AgentRuntime runtime = replayRuntime(Map.of("lariat.agents.a.tools", "Nope",
                "lariat.agents.b.builtins", "wolfram_alpha"))) {
            IllegalStateException tool = assertThrows(IllegalStateException.class, () -> runtime.agent("a"));
            assertEquals("lariat.agents.a.tools: no tool object named 'Nope'; known: [TestTools]", tool.getMessage());
            IllegalStateException builtin = assertThrows(IllegalStateException.class, () -> runtime.agent("b"));
            assertEquals("lariat.agents.b.builtins: unknown built-in tool 'wolfram_alpha'", builtin.getMessage());
        }
    }

    @Test
    void missingDefaultModelIsModelNotFound() {
        try (AgentRuntime runtime = AgentRuntime.create(LariatConfigs.of(Map.of()), tools)) {
            ModelNotFoundException ex = assertThrows(ModelNotFoundException.class, () -> runtime.agent("default"));
            assertEquals("model '(default)' not found: no model configured; set lariat.model to a GGUF path or a "
                    + "model name", ex.getMessage());
        }
    }
}
