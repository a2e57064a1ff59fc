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

    @Test
    void theFolderKeepsWithinItsBudgetByDeletingTheLeastRecentlyUsedFiles(@TempDir Path cache) throws IOException {
        int[][] prefixes = new int[3][];
        for (int p = 0; p < 3; p++) {
            int first = 100 * p;
            prefixes[p] = IntStream.range(0, 70).map(i -> first + i).toArray();
        }
        Path modelDir;
        Path first;
        long fileSize;
        try (LlamaEngine engine = load(model, cache, Precision.EXACT, new ArrayList<>(), Long.MAX_VALUE);
             EngineSession session = engine.newSession(256)) {
            session.prefill(concat(prefixes[0], new int[] {3}));
            assertTrue(session.persistPrefix(70));
            modelDir = engine.kvCache().store().folder();
            first = kvFiles(modelDir).getFirst();
            fileSize = Files.size(first);
        }
        List<String> ignored = new ArrayList<>();
        try (LlamaEngine engine = load(model, cache, Precision.EXACT, ignored, 2 * fileSize + fileSize / 2)) {
            try (EngineSession session = engine.newSession(256)) {
                session.prefill(concat(prefixes[1], new int[] {3}));
                assertTrue(session.persistPrefix(70));
            }
            // the order of use made explicit (file times are coarse): the first prefix is the least recently used
            long now = System.currentTimeMillis();
            Files.setLastModifiedTime(first, java.nio.file.attribute.FileTime.fromMillis(now - 20_000));
            for (Path file : kvFiles(modelDir)) {
                if (!file.equals(first)) {
                    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(now - 10_000));
                }
            }
            try (EngineSession session = engine.newSession(256)) {
                session.prefill(concat(prefixes[2], new int[] {3}));
                assertTrue(session.persistPrefix(70));
            }
        }
        assertEquals(List.of(), ignored);
        List<Path> left = kvFiles(modelDir);
        assertEquals(2, left.size());
        try (LlamaEngine engine = load(model, cache, Precision.EXACT, new ArrayList<>(), Long.MAX_VALUE);
             EngineSession session = engine.newSession(256)) {
            assertEquals(0, session.prefill(concat(prefixes[0], new int[] {3})).reused(), "the oldest file is gone");
            assertEquals(70, session.prefill(concat(prefixes[1], new int[] {3})).reused());
            assertEquals(70, session.prefill(concat(prefixes[2], new int[] {3})).reused());
        }
    }

    @Test
    void aPrefixLargerThanTheWholeBudgetIsNotWritten(@TempDir Path cache) throws IOException {
        try (LlamaEngine engine = load(model, cache, Precision.EXACT, new ArrayList<>(), 1024);
             EngineSession session = engine.newSession(256)) {
            session.prefill(concat(PREFIX, new int[] {3}));
            assertFalse(session.persistPrefix(PREFIX.length));
            assertFalse(Files.exists(engine.kvCache().store().folder()));
        }
    }

    private static List<Path> kvFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".kv")).sorted().toList();
        }
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
        return load(file, cache, precision, ignored, Long.MAX_VALUE);
    }

    private static LlamaEngine load(Path file, Path cache, Precision precision, List<String> ignored, long budget) {
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
                .precision(precision).prefixDir(cache).prefixBudget(budget).listener(listener).build());
    }

    private static int[] concat(int[] a, int[] b) {
        return IntStream.concat(IntStream.of(a), IntStream.of(b)).toArray();
    }
}
