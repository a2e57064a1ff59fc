package io.lariat.prompts.grammar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lariat.engine.sampling.TokenConstraint;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.prompts.TestTokenizer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What constrained decoding costs, over the real 128,256-token Llama 3.1 vocabulary.
 *
 * <ul>
 *   <li>{@code compile}: a typical tool schema (the spec's get_weather, plus an integer range and an array) to its
 *       automaton.</li>
 *   <li>{@code compileAndFirstMask}: the same, plus the mask of the first token (the first trie walks): the delay a
 *       fresh schema adds before its first token.</li>
 *   <li>{@code maskPerTokenWarm}: one decode step's share, per token of a 32-token call (31 tokens and the stop
 *       id): mask the 128,256 logits and accept the token, with the grammar's caches warm (a schema used before, e.g. an agent's tools).</li>
 *   <li>{@code maskPerTokenCold}: the same 32 tokens from a freshly compiled grammar (every walk computed), divided
 *       by 32: the per-token cost of a schema's first use.</li>
 * </ul>
 * Run after {@code mvn -pl prompts test-compile}: {@code java -Dlariat.shared.dir=../shared -cp <test classpath>
 * org.openjdk.jmh.Main GrammarBenchmark -f 1 -wi 3 -i 5 -jvmArgsAppend -Dlariat.shared.dir=../shared}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GrammarBenchmark {
    static final String TOOL_SCHEMA = """
            {"type":"object","properties":{"city":{"type":"string","description":"Name of the city"},
             "unit":{"type":"string","enum":["celsius","fahrenheit"]},
             "days":{"type":"integer","minimum":1,"maximum":14},
             "fields":{"type":"array","items":{"enum":["temperature","wind","rain"]},"maxItems":3}},
             "required":["city"],"additionalProperties":false}""";
    /** Tokens of {@link #OUTPUT} plus the stop id. */
    static final int TOKENS = 32;
    static final String OUTPUT = "{\"city\": \"San Francisco, California\", \"unit\": \"fahrenheit\", "
            + "\"days\": 7, \"fields\": [\"wind\", \"rain\"]}";

    /** The vocabulary, the schema and one output's token ids. */
    @State(Scope.Benchmark)
    public static class Inputs {
        Tokenizer tokenizer;
        JsonNode schema;
        int[] ids;
        TokenConstraint warm;
        int eot;

        @Setup
        public void setUp() throws Exception {
            tokenizer = TestTokenizer.get();
            schema = new ObjectMapper().readTree(TOOL_SCHEMA);
            ids = tokenizer.encode(OUTPUT);
            if (ids.length + 1 != TOKENS) {
                throw new IllegalStateException("OUTPUT is " + (ids.length + 1) + " tokens with the stop id");
            }
            eot = tokenizer.specialId("<|eot_id|>");
            warm = JsonSchemaGrammar.compile(schema).constraint(tokenizer, eot);
            decode(warm, ids, eot, new float[tokenizer.vocabSize()]);
        }
    }

    /** Per-thread logits buffer. */
    @State(Scope.Thread)
    public static class Logits {
        float[] values = new float[128256];
    }

    @Benchmark
    public Object compile(Inputs in) {
        return JsonSchemaGrammar.compile(in.schema);
    }

    @Benchmark
    public float compileAndFirstMask(Inputs in, Logits logits) {
        TokenConstraint.Matcher matcher = JsonSchemaGrammar.compile(in.schema).constraint(in.tokenizer, in.eot)
                .start();
        matcher.mask(logits.values);
        return logits.values[0];
    }

    @Benchmark
    @OperationsPerInvocation(TOKENS)
    public float maskPerTokenWarm(Inputs in, Logits logits) {
        return decode(in.warm, in.ids, in.eot, logits.values);
    }

    @Benchmark
    @OperationsPerInvocation(TOKENS)
    public float maskPerTokenCold(Inputs in, Logits logits) {
        return decode(JsonSchemaGrammar.compile(in.schema).constraint(in.tokenizer, in.eot), in.ids, in.eot,
                logits.values);
    }

    static float decode(TokenConstraint constraint, int[] ids, int eot, float[] logits) {
        TokenConstraint.Matcher matcher = constraint.start();
        float sum = 0;
        for (int id : ids) {
            matcher.mask(logits);
            sum += logits[id];
            matcher.accept(id);
        }
        matcher.mask(logits);
        matcher.accept(eot);
        return sum;
    }
}
