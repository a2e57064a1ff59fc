package io.lariat.examples.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.lariat.agent.Agent;
import io.lariat.agent.backend.ReplayBackend;
import io.lariat.examples.ExampleAgent;
import io.lariat.examples.ExampleRuns;
import io.lariat.examples.LocalTools;
import io.lariat.prompts.SystemMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each example agent renders exactly the ids the demo model was trained on: the same system prompt, tools (custom
 * ones in the system message), messages and tool results as {@link DemoRenderer} renders for training.
 */
class AgentPromptAgreementTest {

    private static ToolRunner tools;
    private static LocalTools local;

    @BeforeAll
    static void setUp() {
        tools = ToolRunner.demo();
        local = new LocalTools();
    }

    @AfterAll
    static void tearDown() {
        if (tools != null) {
            tools.close();
        }
        if (local != null) {
            local.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ExampleAgent.class)
    void theAgentRendersWhatTrainingRendered(ExampleAgent example) {
        DemoAgent demo = DemoAgent.valueOf(example.name());
        Agent agent = example.create(new ReplayBackend(ExampleRuns.tokenizer(), List.of(), 8192, Duration.ZERO),
                local);
        DemoRenderer renderer = new DemoRenderer(ExampleRuns.tokenizer(), tools.customToolSpecs());
        // the agent dates its prompt today; training dates are random, so compare on today's date
        var training = renderer.format(demo, LocalDate.now());
        assertArrayEquals(training.render(List.of(new SystemMessage(demo.systemPrompt())), false), agent.prefix());
        for (DemoConversation c : DemoData.standard(tools).generate(demo, 3, 5, Phrasing.TRAINING)) {
            assertArrayEquals(training.render(c.messages(), false), agent.chatFormat().render(c.messages(), false));
        }
    }
}
