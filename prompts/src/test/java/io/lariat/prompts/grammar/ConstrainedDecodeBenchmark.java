package io.lariat.prompts.grammar;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lariat.engine.EngineOptions;
import io.lariat.engine.EngineSession;
import io.lariat.engine.LlamaEngine;
import io.lariat.engine.sampling.Sampler;
import io.lariat.engine.sampling.SamplingOptions;
import io.lariat.engine.sampling.TokenConstraint;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.prompts.TestTokenizer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One decode step of the synthetic 1B model (Llama 3.2 1B shape, Q4_0, random weights, the real 128,256-token
 * vocabulary size), with and without the {@link GrammarBenchmark} tool schema constraining it: the difference is the
 * masking overhead per token. A step is: sample (greedy; under the constraint: mask, sample, accept), then evaluate
 * the token. Every 64 tokens, or when the constrained document completes, the sequence restarts from an 8-token
 * prompt (and a fresh matcher over the same warm grammar), so the cache stays short and both variants do the same.
 * The model file comes from {@code ./lariat bench --synthetic 1b --type q4_0} ({@code -Dlariat.synthetic} overrides).
 * Run as {@link GrammarBenchmark}, with {@code ConstrainedDecodeBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 3, time = 10)
public class ConstrainedDecodeBenchmark {
    private static final int[] PROMPT = {128000, 128006, 882, 128007, 271, 15339, 128009, 128006};
    private static final int RESTART = 64;

    /** The loaded model, its session and the constraint. */
    @State(Scope.Benchmark)
    public static class Decode {
        @Param({"false", "true"})
        public boolean constrained;
        LlamaEngine engine;
        EngineSession session;
        TokenConstraint constraint;
        TokenConstraint.Matcher matcher;
        Sampler sampler = new Sampler(SamplingOptions.greedy());
        int[] history = new int[PROMPT.length + RESTART + 1];
        int length;
        int eot;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            Path file = Path.of(System.getProperty("lariat.synthetic", System.getProperty("user.home")
                    + "/.lariat/cache/synthetic/synthetic-llama-1b-q4_0.gguf"));
            engine = LlamaEngine.load(file, EngineOptions.defaults());
            session = engine.newSession(512);
            Tokenizer tokenizer = TestTokenizer.get();
            eot = tokenizer.specialId("<|eot_id|>");
            constraint = JsonSchemaGrammar.compile(new ObjectMapper().readTree(GrammarBenchmark.TOOL_SCHEMA))
                    .constraint(tokenizer, eot);
            restart();
        }

        void restart() {
            System.arraycopy(PROMPT, 0, history, 0, PROMPT.length);
            length = PROMPT.length;
            session.prefill(PROMPT);
            matcher = constrained ? constraint.start() : null;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            session.close();
            engine.close();
        }
    }

    @Benchmark
    public int decodeStep(Decode d) {
        int id = d.sampler.sample(d.session.logits(), d.history, d.length, d.matcher);
        if (id == d.eot || d.length == PROMPT.length + RESTART) {
            d.restart();
            return id;
        }
        d.history[d.length++] = id;
        d.session.append(id);
        return id;
    }
}
