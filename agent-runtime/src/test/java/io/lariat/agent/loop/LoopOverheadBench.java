package io.lariat.agent.loop;

import io.lariat.agent.Agent;
import io.lariat.agent.AgentEvent;
import io.lariat.agent.Session;
import io.lariat.agent.StatsEvent;
import io.lariat.agent.backend.ReplayBackend;
import io.lariat.agent.testing.TestTools;
import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.tokenizer.Tokenizer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the agent loop's own cost per model turn (rendering, parsing, detection, events, bookkeeping) with a
 * replay backend, so model time is nil: {@code java -cp <test classpath> io.lariat.agent.loop.LoopOverheadBench
 * <llama31-vocab.gguf> [runs]}. Each run is two turns: a JSON tool call and an answer. A bench, not a test.
 */
public final class LoopOverheadBench {
    private LoopOverheadBench() {
    }

    public static void main(String[] args) {
        Tokenizer tokenizer;
        try (GgufFile gguf = GgufFile.open(Path.of(args[0]))) {
            tokenizer = Tokenizer.fromGguf(gguf);
        }
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        List<String> script = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            script.add("{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}");
            script.add("It is 22 C in Paris, which is pleasantly warm for a walk along the Seine.");
        }
        ReplayBackend backend = new ReplayBackend(tokenizer, script, 131072, Duration.ZERO);
        Agent agent = Agent.builder("bench").backend(backend).tools(new TestTools()).build();
        long[] perTurn = new long[runs];
        long[] wall = new long[runs];
        for (int i = 0; i < runs; i++) {
            Session session = Session.create();
            long start = System.nanoTime();
            List<AgentEvent> events = agent.run(session, "Is it warm in Paris?").collect().asList()
                    .await().atMost(Duration.ofMinutes(1));
            wall[i] = (System.nanoTime() - start) / 2;
            StatsEvent stats = (StatsEvent) events.getLast();
            perTurn[i] = stats.total().minus(stats.tools()).toNanos() / stats.iterations();
        }
        long[] measured = java.util.Arrays.copyOfRange(perTurn, runs / 2, runs);
        java.util.Arrays.sort(measured);
        long[] walls = java.util.Arrays.copyOfRange(wall, runs / 2, runs);
        java.util.Arrays.sort(walls);
        System.out.printf("wall time per model turn seen by the subscriber: median %.1f us%n",
                walls[walls.length / 2] / 1e3);
        System.out.printf("runs %d (second half measured), loop overhead per model turn: median %.1f us, "
                + "p90 %.1f us%n", runs, measured[measured.length / 2] / 1e3, measured[measured.length * 9 / 10] / 1e3);
    }
}
