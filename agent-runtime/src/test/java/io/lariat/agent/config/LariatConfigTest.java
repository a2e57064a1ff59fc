package io.lariat.agent.config;

import io.smallrye.config.ConfigValidationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LariatConfigTest {

    private static LariatConfig load(Map<String, String> properties) {
        return LariatConfigs.of(properties);
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        LariatConfig config = load(Map.of());
        assertEquals(Optional.empty(), config.model());
        assertEquals(8192, config.contextSize());
        assertEquals(4, config.scheduler().maxActive());
        assertEquals(8, config.scheduler().maxResidentCaches());
        assertEquals(32, config.scheduler().queueCapacity());
        assertEquals(Duration.ofMinutes(30), config.sessions().idleTimeout());
        assertEquals(64, config.sessions().maxSessions());
        assertEquals(0.25, config.context().toolResultShare());
        assertEquals(Duration.ofSeconds(30), config.tools().timeout());
        assertEquals(Map.of(), config.agents());
        assertTrue(config.engine().mmap(), "weights are mapped by default");
    }

    @Test
    void weightsCanBeReadIntoMemory() {
        assertFalse(load(Map.of("lariat.engine.mmap", "false")).engine().mmap());
    }

    @Test
    void invalidValueFailsNamingTheKey() {
        ConfigValidationException ex = assertThrows(ConfigValidationException.class,
                () -> load(Map.of("lariat.context-size", "big")));
        assertTrue(ex.getMessage().contains("lariat.context-size"), ex.getMessage());
    }

    @Test
    void agentsAreReadFromTheirNamedGroups() {
        LariatConfig config = load(Map.of(
                "lariat.agents.travel.system-prompt", "You plan trips.",
                "lariat.agents.travel.builtins", "brave_search,wolfram_alpha",
                "lariat.agents.travel.max-iterations", "4",
                "lariat.agents.travel.sampling.temperature", "0"));
        AgentConfig travel = config.agents().get("travel");
        assertEquals("You plan trips.", travel.systemPrompt());
        assertEquals(Optional.of(List.of("brave_search", "wolfram_alpha")), travel.builtins());
        assertEquals(4, travel.maxIterations());
        assertEquals(1024, travel.maxTokensPerTurn());
        assertEquals(Duration.ofMinutes(5), travel.timeout());
        assertEquals(0f, travel.sampling().temperature());
        assertEquals(0.9f, travel.sampling().topP());
        assertTrue(travel.constrainedCalls());
    }

    @Test
    void constrainedCallsCanBeTurnedOffPerAgent() {
        LariatConfig config = load(Map.of("lariat.agents.free.constrained-calls", "false",
                "lariat.agents.strict.system-prompt", "You check."));
        assertFalse(config.agents().get("free").constrainedCalls());
        assertTrue(config.agents().get("strict").constrainedCalls());
    }
}
