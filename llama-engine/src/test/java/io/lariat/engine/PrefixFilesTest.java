package io.lariat.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lariat.engine.bench.SyntheticModels;
import io.lariat.engine.gguf.GgmlType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A fixed prefix written to the prefix folder by one engine and read by the next, and every way a file can be
 * wrong: a flipped byte, a cut file, a file of another model, a file of another precision. A wrong file is reported
 * and ignored, and the prompt is evaluated in full.
 */
class PrefixFilesTest {
    /** 70 ids: two whole blocks and 6 ids of a third. */
    private static final int[] PREFIX = IntStream.range(0, 70).map(i -> (i * 13 + 5) % 500).toArray();
    private static final int[] QUESTION = {17, 18, 19, 20, 21, 22};

    @TempDir
    static Path models;
    static Path model;
    static Path otherModel;

    @BeforeAll
    static void write() {
        model = models.resolve("tiny.gguf");
        SyntheticModels.write(model, EngineSessionTest.TINY, GgmlType.F32, 3);
        otherModel = models.resolve("other.gguf");
        SyntheticModels.write(otherModel, EngineSessionTest.TINY, GgmlType.F32, 3);
    }

    @Test
    void theNextEngineEvaluatesOnlyWhatFollowsAPersistedPrefix(@TempDir Path cache) {
        try (LlamaEngine engine = load(model, cache, Precision.EXACT, new ArrayList<>());
             EngineSession session = engine.newSession(256)) {
            session.prefill(concat(PREFIX, new int[] {3, 4}));
            assertTrue(session.persistPrefix(PREFIX.length));
            assertFalse(session.persistPrefix(PREFIX.length), "written once");
        }
        List<String> ignored = new ArrayList<>();
        try (LlamaEngine engine = load(model, cache, Precision.EXACT, ignored);
             EngineSession session = engine.newSession(256)) {
            assertEquals(3, engine.kvCache().stats().cached());
            PrefillResult result = session.prefill(concat(PREFIX, QUESTION));
            assertEquals(PREFIX.length, result.reused());
            assertEquals(QUESTION.length, result.evaluated());
            assertArrayEquals(fresh(concat(PREFIX, QUESTION)), session.logits(), 1e-4f);
            assertFalse(session.persistPrefix(PREFIX.length), "the prefix read at start is not written again");
        }
        assertEquals(List.of(), ignored);
    }

    enum Damage { CHECKSUM, TRUNCATED, MODEL, PRECISION }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void aDamagedOrMismatchedFileIsReportedAndNeverUsed(Damage damage, @TempDir Path cache) throws IOException {
        Path writer = damage == Damage.MODEL ? otherModel : model;
        Precision precision = damage == Damage.PRECISION ? Precision.FAST : Precision.EXACT;
        try (LlamaEngine engine = load(writer, cache, precision, new ArrayList<>());
             EngineSession session = engine.newSession(256)) {
            session.prefill(PREFIX);
            session.persistPrefix(PREFIX.length);
        }
        Path file = damage(cache, damage);
        List<String> ignored = new ArrayList<>();
        try (LlamaEngine engine = load(model, cache, Precision.EXACT, ignored);
             EngineSession session = engine.newSession(256)) {
            assertEquals(List.of(file.getFileName() + " " + damage.name()), ignored);
            assertEquals(0, engine.kvCache().stats().cached());
            PrefillResult result = session.prefill(concat(PREFIX, QUESTION));
            assertEquals(0, result.reused());
            assertArrayEquals(fresh(concat(PREFIX, QUESTION)), session.logits(), 1e-4f);
            // the next write replaces the bad file
            assertTrue(session.persistPrefix(PREFIX.length));
        }
    }

    /** Damages the one file written, moving it where the model's engine looks; returns its path there. */
    private static Path damage(Path cache, Damage damage) throws IOException {
        Path written;
        try (Stream<Path> files = Files.walk(cache)) {
            written = files.filter(p -> p.toString().endsWith(".kv")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(written);
        Path target = written;
        switch (damage) {
            case CHECKSUM -> bytes[bytes.length - 100] ^= 0x10;
            case TRUNCATED -> bytes = java.util.Arrays.copyOf(bytes, bytes.length - 100);
            case MODEL -> {
                try (LlamaEngine engine = load(model, cache, Precision.EXACT, new ArrayList<>())) {
                    target = engine.kvCache().store().folder().resolve(written.getFileName());
                }
            }
            case PRECISION -> target = written.resolveSibling(written.getFileName().toString()
                    .replace("fast-", "exact-"));
        }
        Files.createDirectories(target.getParent());
        Files.delete(written);
        Files.write(target, bytes);
        return target;
    }

    private static float[] fresh(int[] ids) {
        try (LlamaEngine engine = load(model, null, Precision.EXACT, new ArrayList<>());
             EngineSession session = engine.newSession(256)) {
            session.prefill(ids);
            return session.logits();
        }
    }

    private static LlamaEngine load(Path file, Path cache, Precision precision, List<String> ignored) {
        EngineListener listener = new EngineListener() {
            @Override
            public void kvCacheAllocating(int contextSize, long bytes) {
            }

            @Override
            public void prefixFileIgnored(Path path, String problem) {
                ignored.add(path.getFileName() + " " + problem);
            }
        };
        return LlamaEngine.load(file, EngineOptions.builder().threads(1).batchSize(16).kvMemory(1L << 26)
                .precision(precision).prefixDir(cache).listener(listener).build());
    }

    private static int[] concat(int[] a, int[] b) {
        return IntStream.concat(IntStream.of(a), IntStream.of(b)).toArray();
    }
}
