package io.lariat.examples.researcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lariat.agent.AgentEvent;
import io.lariat.agent.FinalEvent;
import io.lariat.agent.backend.ReplayBackend;
import io.lariat.examples.ExampleRuns;
import io.lariat.examples.LocalTools;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResearcherAgentTest {

    @Test
    void searchesTheBundledCorpusAndCitesTheSource() {
        ReplayBackend backend = ReplayBackend.of(ExampleRuns.tokenizer(),
                "<|python_tag|>brave_search.call(query=\"first ascent of Mount Everest\")<|eom_id|>",
                "Edmund Hillary and Tenzing Norgay first climbed it on May 29, 1953 (source: mount-everest.md)."
                        + "<|eot_id|>");
        try (LocalTools tools = new LocalTools()) {
            List<AgentEvent> events = ExampleRuns.run(ResearcherAgent.create(backend, tools.search()),
                    "Who first climbed Mount Everest?");
            assertEquals("brave_search", ExampleRuns.call(events).tool());
            String result = ExampleRuns.result(events).content();
            assertFalse(ExampleRuns.result(events).error(), result);
            assertTrue(result.contains("Mount Everest"), result);
            assertTrue(result.contains("mount-everest.md"), result);
            assertEquals(FinalEvent.FinishReason.ANSWER, ExampleRuns.answer(events).reason());
            String secondPrompt = ExampleRuns.tokenizer().decode(backend.prompts().get(1));
            assertTrue(secondPrompt.contains("<|start_header_id|>ipython<|end_header_id|>\n\n" + result),
                    secondPrompt);
        }
    }
}
