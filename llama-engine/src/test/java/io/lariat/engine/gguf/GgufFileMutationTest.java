package io.lariat.engine.gguf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded mutation test: corrupted variants of a valid file must each either load (and then every metadata value and
 * every byte of tensor data must be readable) or fail with {@link GgufFormatException}; nothing else may escape.
 */
class GgufFileMutationTest {

    private static final long SEED = 20_260_101L;
    private static final int VARIANTS_PER_KIND = 800;

    @TempDir
    Path dir;

    private enum Kind { FLIP_BYTES, TRUNCATE, INFLATE_LENGTH }

    @Test
    void everyCorruptedVariantLoadsOrFailsWithFormatException() throws IOException {
        byte[] original = validFile();
        List<Integer> lengthFields = lengthFieldCandidates(original);
        Random random = new Random(SEED);
        Path file = dir.resolve("mutant.gguf");
        int loaded = 0;
        int rejected = 0;
        for (Kind kind : Kind.values()) {
            for (int variant = 0; variant < VARIANTS_PER_KIND; variant++) {
                byte[] mutant = mutate(kind, original, lengthFields, random);
                Files.write(file, mutant);
                if (loadsCompletely(file, kind + " #" + variant)) {
                    loaded++;
                } else {
                    rejected++;
                }
            }
        }
        assertEquals(3 * VARIANTS_PER_KIND, loaded + rejected);
        // Both outcomes must occur often, or the mutations are not exercising the checks.
        assertTrue(loaded >= 100, "only " + loaded + " variants loaded");
        assertTrue(rejected >= 1000, "only " + rejected + " variants were rejected");
    }

    @Test
    void originalFileLoads() throws IOException {
        Path file = Files.write(dir.resolve("valid.gguf"), validFile());
        assertTrue(loadsCompletely(file, "original"));
    }

    /** A small file exercising every metadata type, nested arrays and several tensor types. */
    private byte[] validFile() throws IOException {
        GgufWriter writer = new GgufWriter();
        GgufWriterTest.everyMetadataType().forEach(writer::put);
        writer.putStrings("tokenizer.ggml.tokens", List.of("a", "b", "ab", "<|eot_id|>"))
                .tensor("f32", GgmlType.F32, new long[] {8, 2}, GgufWriterTest.gaussian(16, 1))
                .tensor("f16", GgmlType.F16, new long[] {5}, GgufWriterTest.gaussian(5, 2))
                .tensor("q8", GgmlType.Q8_0, new long[] {64, 2}, GgufWriterTest.gaussian(128, 3))
                .tensor("q4", GgmlType.Q4_0, new long[] {32}, GgufWriterTest.gaussian(32, 4))
                .encodedTensor("q6k", GgmlType.Q6_K, new long[] {256}, new byte[210]);
        Path file = dir.resolve("valid-source.gguf");
        writer.write(file);
        return Files.readAllBytes(file);
    }

    /** Offsets of 8-byte fields holding small positive values: string lengths, counts and dimensions. */
    private static List<Integer> lengthFieldCandidates(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> candidates = new ArrayList<>();
        for (int offset = 8; offset + 8 <= bytes.length; offset++) {
            long value = buffer.getLong(offset);
            if (value > 0 && value < bytes.length) {
                candidates.add(offset);
            }
        }
        return candidates;
    }

    private static byte[] mutate(Kind kind, byte[] original, List<Integer> lengthFields, Random random) {
        byte[] mutant = original.clone();
        switch (kind) {
            case FLIP_BYTES -> {
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    // Mostly the header, where the structure is; sometimes anywhere.
                    int bound = random.nextInt(4) == 0 ? mutant.length : Math.min(mutant.length, 1200);
                    mutant[random.nextInt(bound)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case TRUNCATE -> mutant = Arrays.copyOf(original, random.nextInt(original.length));
            case INFLATE_LENGTH -> {
                int offset = lengthFields.get(random.nextInt(lengthFields.size()));
                ByteBuffer.wrap(mutant).order(ByteOrder.LITTLE_ENDIAN).putLong(offset, inflated(random, original));
            }
        }
        return mutant;
    }

    private static long inflated(Random random, byte[] original) {
        return switch (random.nextInt(4)) {
            case 0 -> 1L << random.nextInt(64);
            case 1 -> original.length + random.nextInt(64);
            case 2 -> -1L - random.nextInt(16);
            default -> random.nextLong();
        };
    }

    /** True when the file loads and all of it is readable; false on GgufFormatException; fails on anything else. */
    private static boolean loadsCompletely(Path file, String variant) {
        try (GgufFile gguf = GgufFile.open(file)) {
            gguf.metadata().asMap().values().forEach(GgufFileMutationTest::touch);
            for (GgufTensorInfo tensor : gguf.tensors()) {
                MemorySegment data = gguf.tensorData(tensor);
                long sum = 0;
                for (long i = 0; i < data.byteSize(); i++) {
                    sum += data.get(ValueLayout.JAVA_BYTE, i);
                }
                assertTrue(sum >= -128 * data.byteSize());
            }
            return true;
        } catch (GgufFormatException expected) {
            assertTrue(expected.getMessage().startsWith("mutant.gguf"), expected.getMessage());
            return false;
        } catch (RuntimeException | Error unexpected) {
            fail(variant + " escaped with " + unexpected, unexpected);
            return false;
        }
    }

    private static void touch(GgufValue value) {
        if (value instanceof GgufValue.ArrayValue array) {
            for (int i = 0; i < array.size(); i++) {
                touch(array.get(i));
            }
        }
    }
}
