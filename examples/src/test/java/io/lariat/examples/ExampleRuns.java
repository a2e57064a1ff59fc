package io.lariat.examples;

import io.lariat.agent.Agent;
import io.lariat.agent.AgentEvent;
import io.lariat.agent.FinalEvent;
import io.lariat.agent.Session;
import io.lariat.agent.ToolCallEvent;
import io.lariat.agent.ToolResultEvent;
import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.tokenizer.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Runs example agents end to end on a replay backend with the real Llama 3.1 tokenizer. */
public final class ExampleRuns {
    private static Tokenizer tokenizer;

    private ExampleRuns() {
    }

    /** The Llama 3.1 tokenizer of the shared test data; skips the test when it is absent. */
    public static synchronized Tokenizer tokenizer() {
        if (tokenizer == null) {
            Path file = Path.of(System.getProperty("lariat.shared.dir", "../../shared"))
                    .resolve("testdata/llama31-vocab.gguf");
            Assumptions.assumeTrue(Files.isRegularFile(file), "shared test data " + file + " is absent");
            try (GgufFile gguf = GgufFile.open(file)) {
                tokenizer = Tokenizer.fromGguf(gguf);
            }
        }
        return tokenizer;
    }

    /** Every event of one run of {@code agent} on {@code task}, in order (generous wait: GraalPy's cold start). */
    public static List<AgentEvent> run(Agent agent, String task) {
        try (Session session = Session.create()) {
            return new ArrayList<>(agent.run(session, task).collect().asList().await().atMost(Duration.ofMinutes(5)));
        }
    }

    /** The events of one type. */
    public static <E extends AgentEvent> List<E> of(List<AgentEvent> events, Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The one tool call of a run. */
    public static ToolCallEvent call(List<AgentEvent> events) {
        List<ToolCallEvent> calls = of(events, ToolCallEvent.class);
        if (calls.size() != 1) {
            throw new AssertionError("expected one call, got " + calls);
        }
        return calls.getFirst();
    }

    /** The one tool result of a run. */
    public static ToolResultEvent result(List<AgentEvent> events) {
        List<ToolResultEvent> results = of(events, ToolResultEvent.class);
        if (results.size() != 1) {
            throw new AssertionError("expected one result, got " + results);
        }
        return results.getFirst();
    }

    /** The final answer of a run. */
    public static FinalEvent answer(List<AgentEvent> events) {
        return of(events, FinalEvent.class).getFirst();
    }
}
