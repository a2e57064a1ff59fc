package io.lariat.prompts.grammar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lariat.engine.sampling.TokenConstraint;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.prompts.TestTokenizer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code minLength}/{@code maxLength} cost, over the real 128,256-token Llama 3.1 vocabulary: compile a string
 * schema with the given bounds, then mask and accept each token of one 60-character string value but its closing
 * quote (so that every variant, a large {@code minLength} included, does the same work), with every cache cold (the
 * vocabulary-wide string walks included), per token. {@code none} is the unbounded string, the baseline every
 * bounded variant should stay near whatever its limits. Run as {@link GrammarBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StringLengthBenchmark {
    /** Tokens of {@link #VALUE} decoded: all but the closing quote. */
    static final int TOKENS = 13;
    static final String VALUE = "\"The quick brown fox jumps over the lazy dog near the riverbank\"";

    /** The vocabulary, the schema and the value's token ids. */
    @State(Scope.Benchmark)
    public static class Inputs {
        /** {@code none}, or {@code min-max} with {@code -} for an absent bound. */
        @Param({"none", "-64", "-1000", "40-1000", "1000-"})
        public String bounds;
        Tokenizer tokenizer;
        JsonNode schema;
        int[] ids;
        int eot;

        @Setup
        public void setUp() throws Exception {
            tokenizer = TestTokenizer.get();
            eot = tokenizer.specialId("<|eot_id|>");
            String[] parts = bounds.equals("none") ? new String[] {"", ""} : bounds.split("-", -1);
            StringBuilder json = new StringBuilder("{\"type\":\"string\"");
            if (!parts[0].isEmpty()) {
                json.append(",\"minLength\":").append(parts[0]);
            }
            if (!parts[1].isEmpty()) {
                json.append(",\"maxLength\":").append(parts[1]);
            }
            schema = new ObjectMapper().readTree(json.append('}').toString());
            // the last token, the closing quote, is left out: a minLength beyond the value could not take it
            ids = tokenizer.encode(VALUE);
            if (ids.length != TOKENS + 1) {
                throw new IllegalStateException("the value is " + ids.length + " tokens");
            }
            ids = Arrays.copyOf(ids, TOKENS);
        }

        /** Forgets every mask computed from the vocabulary, so the next run walks it again. */
        @Setup(Level.Invocation)
        public void forget() {
            TokenTrie.of(tokenizer).sharedSplits.clear();
            TokenTrie.of(tokenizer).stringSplits.clear();
        }
    }

    /** Per-thread logits buffer. */
    @State(Scope.Thread)
    public static class Logits {
        float[] values = new float[128256];
    }

    @Benchmark
    @OperationsPerInvocation(TOKENS)
    public float decodeColdPerToken(Inputs in, Logits logits) {
        TokenConstraint.Matcher matcher = JsonSchemaGrammar.compile(in.schema).constraint(in.tokenizer, in.eot)
                .start();
        float sum = 0;
        for (int id : in.ids) {
            matcher.mask(logits.values);
            sum += logits.values[id];
            matcher.accept(id);
        }
        return sum;
    }
}
