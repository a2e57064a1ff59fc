package io.lariat.engine.tokenizer;

import io.lariat.engine.gguf.GgufFile;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding throughput of the real Llama 3.1 tokenizer on English prose, one thread. One operation encodes
 * {@link #PROSE_BYTES} bytes (1 MiB), so MB/s = ops/s × 1.048576. Needs the shared test data.
 *
 * <p>Run from the project root after {@code mvn -pl llama-engine test-compile}:
 * {@code java -cp <test classpath> org.openjdk.jmh.Main TokenizerBenchmark -f 1 -wi 2 -i 3
 * -jvmArgsAppend -Dlariat.shared.dir=../shared}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class TokenizerBenchmark {

    /** Bytes encoded per operation. */
    static final int PROSE_BYTES = 1 << 20;

    private Tokenizer tokenizer;
    private String prose;

    @Setup
    public void load() {
        if (!Llama3Vocabulary.present()) {
            throw new IllegalStateException("shared test data absent: " + Llama3Vocabulary.vocabularyFile()
                    + "; pass -jvmArgsAppend -Dlariat.shared.dir=<path to shared>");
        }
        try (GgufFile file = GgufFile.open(Llama3Vocabulary.vocabularyFile())) {
            tokenizer = Tokenizer.fromGguf(file);
        }
        prose = Prose.english(PROSE_BYTES);
    }

    @Benchmark
    public int[] encodeOneMebibyteOfProse() {
        return tokenizer.encode(prose);
    }
}
