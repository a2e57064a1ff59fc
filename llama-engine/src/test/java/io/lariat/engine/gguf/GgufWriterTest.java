package io.lariat.engine.gguf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GgufWriterTest {

    @TempDir
    Path dir;

    static Map<String, GgufValue> everyMetadataType() {
        Map<String, GgufValue> values = new LinkedHashMap<>();
        values.put("u8", GgufValue.uint8(200));
        values.put("i8", GgufValue.int8((byte) -5));
        values.put("u16", GgufValue.uint16(60_000));
        values.put("i16", GgufValue.int16((short) -30_000));
        values.put("u32", GgufValue.uint32(3_000_000_000L));
        values.put("i32", GgufValue.int32(-2_000_000_000));
        values.put("u64", GgufValue.uint64(-2L));
        values.put("i64", GgufValue.int64(-(1L << 40)));
        values.put("f32", GgufValue.float32(-0.125f));
        values.put("f64", GgufValue.float64(1e300));
        values.put("bool", GgufValue.of(true));
        values.put("string", GgufValue.of("Grüße, 世界 🦙"));
        values.put("strings", GgufValue.strings(List.of("<|eot_id|>", "Ġthe", "")));
        values.put("int32s", GgufValue.int32s(1, -1, Integer.MAX_VALUE));
        values.put("uint8s", GgufValue.integers(GgufValueType.UINT8, 0, 255));
        values.put("int64s", GgufValue.integers(GgufValueType.INT64, Long.MIN_VALUE));
        values.put("float32s", GgufValue.float32s(0.5f, Float.MIN_VALUE));
        values.put("float64s", GgufValue.float64s(-1.5));
        values.put("bools", GgufValue.bools(false, true));
        values.put("empty", GgufValue.strings(List.of()));
        values.put("nested", GgufValue.arrays(List.of(GgufValue.int32s(1), GgufValue.arrays(List.of(
                GgufValue.strings(List.of("deep")))))));
        return values;
    }

    @Test
    void roundTripsEveryMetadataType() {
        GgufWriter writer = new GgufWriter();
        everyMetadataType().forEach(writer::put);
        Path file = dir.resolve("meta.gguf");
        writer.write(file);
        try (GgufFile gguf = GgufFile.open(file)) {
            assertEquals(3, gguf.version());
            assertEquals(everyMetadataType(), gguf.metadata().asMap());
            assertEquals(List.copyOf(everyMetadataType().keySet()), List.copyOf(gguf.metadata().asMap().keySet()));
        }
    }

    @Test
    void convenienceSettersWriteTheExpectedTypes() {
        Path file = dir.resolve("conv.gguf");
        new GgufWriter().put("s", "x").put("b", false).putUInt32("u", 7).putInt32("i", -7).putFloat32("f", 2.5f)
                .putStrings("ss", List.of("a")).putInts("is", 3, 4).putFloats("fs", 1f).put("s", "replaced")
                .write(file);
        try (GgufFile gguf = GgufFile.open(file)) {
            GgufMetadata m = gguf.metadata();
            assertEquals(List.of("s", "b", "u", "i", "f", "ss", "is", "fs"), List.copyOf(m.asMap().keySet()));
            assertEquals("replaced", m.string("s"));
            assertFalse(m.bool("b"));
            assertEquals(GgufValue.uint32(7), m.get("u"));
            assertEquals(GgufValue.int32(-7), m.get("i"));
            assertEquals(2.5f, m.float32("f"));
            assertEquals(List.of("a"), m.strings("ss"));
            assertArrayEquals(new int[] {3, 4}, m.ints("is"));
            assertArrayEquals(new float[] {1f}, m.floats("fs"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0"})
    void tensorFromFloatsHoldsExactlyTheReferenceEncoding(GgmlType type) {
        float[] values = gaussian(64 * 3, 11);
        Path file = dir.resolve(type + ".gguf");
        new GgufWriter().tensor("w", type, new long[] {64, 3}, values).write(file);
        byte[] expected = new byte[(int) type.byteSize(values.length)];
        Quantizers.encode(type, values, 0, values.length, expected, 0);
        try (GgufFile gguf = GgufFile.open(file)) {
            GgufTensorInfo info = gguf.tensor("w").orElseThrow();
            assertEquals(new GgufTensorInfo("w", type, new long[] {64, 3}, 0), info);
            assertArrayEquals(expected, gguf.tensorData(info).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    @Test
    void f32TensorsRoundTripExactly() {
        float[] values = gaussian(96, 3);
        Path file = dir.resolve("f32.gguf");
        new GgufWriter().tensor("v", GgmlType.F32, new long[] {96}, values).write(file);
        try (GgufFile gguf = GgufFile.open(file)) {
            float[] read = new float[96];
            Quantizers.decode(GgmlType.F32, gguf.tensorData(gguf.tensors().getFirst()), 0, read, 0, 96);
            assertArrayEquals(values, read);
        }
    }

    @Test
    void encodedTensorsOfAnyTypeAreWrittenVerbatimAndAligned() {
        byte[] q4k = new byte[2 * 144];
        new Random(5).nextBytes(q4k);
        byte[] i32 = {1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0};
        Path file = dir.resolve("encoded.gguf");
        new GgufWriter().alignment(64).encodedTensor("k", GgmlType.Q4_K, new long[] {256, 2}, q4k)
                .encodedTensor("i", GgmlType.I32, new long[] {3}, i32).write(file);
        try (GgufFile gguf = GgufFile.open(file)) {
            assertEquals(64, gguf.alignment());
            assertEquals(0, gguf.dataOffset() % 64);
            GgufTensorInfo i = gguf.tensor("i").orElseThrow();
            assertEquals(320, i.offset());
            assertArrayEquals(q4k, gguf.tensorData(gguf.tensor("k").orElseThrow()).toArray(ValueLayout.JAVA_BYTE));
            assertArrayEquals(i32, gguf.tensorData(i).toArray(ValueLayout.JAVA_BYTE));
            assertEquals(gguf.dataOffset() + 384, gguf.fileSize());
        }
    }

    @Test
    void rowSourceIsAskedForEachRowInStorageOrder() {
        List<Long> asked = new ArrayList<>();
        Path file = dir.resolve("rows.gguf");
        new GgufWriter().tensor("r", GgmlType.F32, new long[] {2, 3, 2}, (row, destination) -> {
            asked.add(row);
            destination[0] = row;
            destination[1] = -row;
        }).write(file);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), asked);
        try (GgufFile gguf = GgufFile.open(file)) {
            MemorySegment data = gguf.tensorData(gguf.tensors().getFirst());
            assertEquals(-5f, data.get(ValueLayout.JAVA_FLOAT_UNALIGNED, 11 * 4));
        }
    }

    @Test
    void tensorTableIsAvailableBeforeWriting() {
        GgufWriter writer = new GgufWriter().tensor("a", GgmlType.Q8_0, new long[] {32}, new float[32])
                .tensor("b", GgmlType.F16, new long[] {3}, new float[3]);
        assertEquals(List.of(new GgufTensorInfo("a", GgmlType.Q8_0, new long[] {32}, 0),
                new GgufTensorInfo("b", GgmlType.F16, new long[] {3}, 64)), writer.tensors());
    }

    @Test
    void rejectsInconsistentTensors() {
        GgufWriter writer = new GgufWriter().tensor("a", GgmlType.F32, new long[] {2}, new float[2]);
        assertEquals("duplicate tensor name a", assertThrows(IllegalArgumentException.class,
                () -> writer.tensor("a", GgmlType.F32, new long[] {2}, new float[2])).getMessage());
        assertEquals("tensor b has 4 elements but 3 values were given", assertThrows(IllegalArgumentException.class,
                () -> writer.tensor("b", GgmlType.F32, new long[] {2, 2}, new float[3])).getMessage());
        assertEquals("cannot encode floats as Q4_K; use encodedTensor", assertThrows(IllegalArgumentException.class,
                () -> writer.tensor("c", GgmlType.Q4_K, new long[] {256}, new float[256])).getMessage());
        assertEquals("tensor d: row length 31 is not a multiple of the Q8_0 block size 32",
                assertThrows(IllegalArgumentException.class,
                        () -> writer.tensor("d", GgmlType.Q8_0, new long[] {31}, new float[31])).getMessage());
        assertEquals("tensor e takes 144 bytes but 10 were given", assertThrows(IllegalArgumentException.class,
                () -> writer.encodedTensor("e", GgmlType.Q4_K, new long[] {256}, new byte[10])).getMessage());
        assertThrows(IllegalArgumentException.class, () -> writer.alignment(48));
    }

    @Test
    void failedWriteLeavesNoFile() {
        Path file = dir.resolve("failed.gguf");
        GgufWriter writer = new GgufWriter().tensor("x", GgmlType.F32, new long[] {4}, (row, destination) -> {
            throw new IllegalStateException("generator broke");
        });
        assertThrows(IllegalStateException.class, () -> writer.write(file));
        assertFalse(Files.exists(file));
    }

    static float[] gaussian(int count, long seed) {
        Random random = new Random(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
