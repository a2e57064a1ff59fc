package io.lariat.engine.gguf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GgufFileTest {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @TempDir
    Path dir;

    @Test
    void readsEveryScalarMetadataType() {
        Path file = GgufBytes.header(3, 0, 13)
                .entry("u8", GgufValue.uint8(255)).entry("i8", GgufValue.int8((byte) -128))
                .entry("u16", GgufValue.uint16(65535)).entry("i16", GgufValue.int16((short) -32768))
                .entry("u32", GgufValue.uint32(4_294_967_295L)).entry("i32", GgufValue.int32(Integer.MIN_VALUE))
                .entry("u64", GgufValue.uint64(-1L)).entry("i64", GgufValue.int64(Long.MIN_VALUE))
                .entry("f32", GgufValue.float32(1e-5f)).entry("f64", GgufValue.float64(Math.PI))
                .entry("t", GgufValue.of(true)).entry("f", GgufValue.of(false))
                .entry("s", GgufValue.of("héllo ✓"))
                .writeTo(dir.resolve("scalars.gguf"));
        try (GgufFile gguf = GgufFile.open(file)) {
            GgufMetadata m = gguf.metadata();
            assertEquals(List.of("u8", "i8", "u16", "i16", "u32", "i32", "u64", "i64", "f32", "f64", "t", "f", "s"),
                    List.copyOf(m.asMap().keySet()));
            assertEquals(255, m.integer("u8"));
            assertEquals(-128, m.integer("i8"));
            assertEquals(65535, m.integer("u16"));
            assertEquals(-32768, m.integer("i16"));
            assertEquals(4_294_967_295L, m.integer("u32"));
            assertEquals(Integer.MIN_VALUE, m.integer("i32"));
            assertEquals(-1L, m.integer("u64"));
            assertEquals(GgufValueType.UINT64, m.get("u64").type());
            assertEquals(Long.MIN_VALUE, m.integer("i64"));
            assertEquals(1e-5f, m.float32("f32"));
            assertEquals(new GgufValue.FloatValue(GgufValueType.FLOAT64, Math.PI), m.get("f64"));
            assertTrue(m.bool("t"));
            assertFalse(m.bool("f"));
            assertEquals("héllo ✓", m.string("s"));
            assertEquals(3, gguf.version());
            assertEquals(List.of(), gguf.tensors());
        }
    }

    @Test
    void readsArraysIncludingNestedOnes() {
        GgufValue.ArrayValue nested = GgufValue.arrays(List.of(GgufValue.int32s(1, 2), GgufValue.strings(List.of("x")),
                GgufValue.arrays(List.of(GgufValue.float32s(0.5f)))));
        Path file = GgufBytes.header(2, 0, 6)
                .entry("strings", GgufValue.strings(List.of("a", "", "ü")))
                .entry("ints", GgufValue.int32s(-1, 0, 7))
                .entry("u64s", GgufValue.integers(GgufValueType.UINT64, 1, Long.MAX_VALUE))
                .entry("floats", GgufValue.float32s(1.5f, -2f))
                .entry("bools", GgufValue.bools(true, false))
                .entry("nested", nested)
                .writeTo(dir.resolve("arrays.gguf"));
        try (GgufFile gguf = GgufFile.open(file)) {
            GgufMetadata m = gguf.metadata();
            assertEquals(2, gguf.version());
            assertEquals(List.of("a", "", "ü"), m.strings("strings"));
            assertArrayEquals(new int[] {-1, 0, 7}, m.ints("ints"));
            assertEquals(Long.MAX_VALUE, ((GgufValue.NumberArray) m.get("u64s")).longAt(1));
            assertArrayEquals(new float[] {1.5f, -2f}, m.floats("floats"));
            assertEquals(GgufValue.bools(true, false), m.get("bools"));
            assertEquals(nested, m.get("nested"));
        }
    }

    @Test
    void mapsTensorDataAfterTheAlignedHeader() {
        GgufBytes bytes = GgufBytes.header(3, 2, 1)
                .entry("general.alignment", GgufValue.uint32(64))
                .tensorInfo("a", GgmlType.F32, 0, 2, 1)
                .tensorInfo("b", GgmlType.F32, 64, 3)
                .pad(64);
        long dataOffset = bytes.size();
        bytes.raw(floats(1f, 2f)).pad(64).raw(floats(3f, 4f, 5f));
        Path file = bytes.writeTo(dir.resolve("tensors.gguf"));
        try (GgufFile gguf = GgufFile.open(file)) {
            assertEquals(64, gguf.alignment());
            assertEquals(dataOffset, gguf.dataOffset());
            GgufTensorInfo b = gguf.tensor("b").orElseThrow();
            assertEquals(new GgufTensorInfo("b", GgmlType.F32, new long[] {3}, 64), b);
            MemorySegment data = gguf.tensorData(b);
            assertTrue(data.isNative() && data.isMapped() && data.isReadOnly());
            assertEquals(12, data.byteSize());
            assertEquals(5f, data.get(F32, 8));
            assertEquals(2f, gguf.tensorData(gguf.tensor("a").orElseThrow()).get(F32, 4));
        }
    }

    @Test
    void readsTensorDataBeyondFourGibibytes() throws java.io.IOException {
        long elements = (1L << 30) + 16; // 4 GiB + 64 bytes of F32
        GgufBytes header = GgufBytes.header(3, 2, 0)
                .tensorInfo("small", GgmlType.F32, 0, 8)
                .tensorInfo("huge", GgmlType.F32, 32, elements)
                .pad(32);
        Path file = header.writeTo(dir.resolve("huge.gguf"));
        long dataOffset = header.size();
        long end = dataOffset + 32 + elements * 4;
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(end); // sparse: the zeros take no disk space
            sparse.seek(end - 4);
            sparse.write(floats(42f));
        }
        try (GgufFile gguf = GgufFile.open(file)) {
            MemorySegment data = gguf.tensorData(gguf.tensor("huge").orElseThrow());
            assertEquals(elements * 4, data.byteSize());
            assertEquals(42f, data.get(F32, data.byteSize() - 4));
            assertEquals(0f, data.get(F32, 1L << 32));
            assertEquals(end, gguf.fileSize());
        }
    }

    @Test
    void refusesMoreStringsThanAnyVocabularyBeforeReadingThem() throws java.io.IOException {
        long count = (1L << 24) + 1;
        Path file = new GgufBytes().raw(arrayOfCount(GgufValueType.STRING, count, 0)).writeTo(dir.resolve("big.gguf"));
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(sparse.length() + 8 * count); // room for that many empty strings, as sparse zeros
        }
        assertEquals("big.gguf @ 0x29: element count of k 16777217 exceeds the limit of 16777216",
                assertThrows(GgufFormatException.class, () -> GgufFile.open(file)).getMessage());
    }

    @Test
    void missingFileIsAnIoErrorNotAFormatError() {
        Path missing = dir.resolve("missing.gguf");
        assertThrows(java.io.UncheckedIOException.class, () -> GgufFile.open(missing));
    }

    @Test
    void tensorDataIsAlignedInMemory() {
        Path file = GgufBytes.header(3, 2, 0).tensorInfo("a", GgmlType.F32, 0, 3).tensorInfo("b", GgmlType.F32, 32, 1)
                .pad(32).raw(new byte[36]).writeTo(dir.resolve("aligned.gguf"));
        try (GgufFile gguf = GgufFile.open(file)) {
            for (GgufTensorInfo tensor : gguf.tensors()) {
                assertEquals(0, gguf.tensorData(tensor).address() % gguf.alignment(), tensor.name());
            }
        }
    }

    @Test
    void rejectsTensorInfoOfAnotherFile() {
        Path file = GgufBytes.header(3, 1, 0).tensorInfo("a", GgmlType.F32, 0, 1).pad(32).raw(floats(1f))
                .writeTo(dir.resolve("one.gguf"));
        try (GgufFile gguf = GgufFile.open(file)) {
            GgufTensorInfo foreign = new GgufTensorInfo("a", GgmlType.F32, new long[] {1}, 32);
            assertThrows(IllegalArgumentException.class, () -> gguf.tensorData(foreign));
        }
    }

    @Test
    void closedFileRefusesDataAccessAndClosesTwiceQuietly() {
        Path file = GgufBytes.header(3, 1, 0).tensorInfo("a", GgmlType.F32, 0, 1).pad(32).raw(floats(1f))
                .writeTo(dir.resolve("closed.gguf"));
        GgufFile gguf = GgufFile.open(file);
        MemorySegment data = gguf.tensorData(gguf.tensors().getFirst());
        gguf.close();
        gguf.close();
        assertThrows(IllegalStateException.class, () -> data.get(F32, 0));
    }

    @Test
    void typedGettersReportMissingKeysAndTypeMismatches() {
        Path file = GgufBytes.header(3, 0, 1).entry("name", GgufValue.of("x")).writeTo(dir.resolve("m.gguf"));
        try (GgufFile gguf = GgufFile.open(file)) {
            GgufMetadata m = gguf.metadata();
            assertEquals("m.gguf: missing metadata key nope",
                    assertThrows(GgufFormatException.class, () -> m.string("nope")).getMessage());
            assertEquals("m.gguf @ 0x18: metadata key name is STRING, expected an integer",
                    assertThrows(GgufFormatException.class, () -> m.integer("name")).getMessage());
            assertEquals(OptionalLong.empty(), m.findInteger("nope"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"malformedFiles", "malformedTensorTables"})
    void malformedFileFailsWithExactMessage(String kind, byte[] content, String message) {
        Path file = dir.resolve("bad.gguf");
        new GgufBytes().raw(content).writeTo(file);
        GgufFormatException e = assertThrows(GgufFormatException.class, () -> GgufFile.open(file).close());
        assertEquals(message, e.getMessage());
        assertEquals(file, e.file());
    }

    static Stream<Arguments> malformedFiles() {
        return Stream.of(
                Arguments.of("empty file", new byte[0],
                        "bad.gguf @ 0x0: not a GGUF file (the first four bytes are not \"GGUF\")"),
                Arguments.of("wrong magic", "GGML\3\0\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        "bad.gguf @ 0x0: not a GGUF file (the first four bytes are not \"GGUF\")"),
                Arguments.of("version 1", GgufBytes.header(1, 0, 0).toByteArray(),
                        "bad.gguf @ 0x4: GGUF version 1 is not supported (only versions 2 and 3)"),
                Arguments.of("version 4", GgufBytes.header(4, 0, 0).toByteArray(),
                        "bad.gguf @ 0x4: unsupported GGUF version 4 (only versions 2 and 3)"),
                Arguments.of("big-endian", GgufBytes.header(0x0300_0000L, 0, 0).toByteArray(),
                        "bad.gguf @ 0x4: big-endian GGUF files are not supported"),
                Arguments.of("truncated count", truncate(GgufBytes.header(3, 0, 0).toByteArray(), 11),
                        "bad.gguf @ 0x8: file ends while reading tensor count: needs 8 bytes, 3 left"),
                Arguments.of("2^60 entries", GgufBytes.header(3, 0, 1L << 60).u64(0).toByteArray(),
                        "bad.gguf @ 0x10: metadata entry count 2^60 exceeds what the 8 bytes left in the file"
                                + " can hold"),
                Arguments.of("string past EOF",
                        GgufBytes.header(3, 0, 1).u64(1L << 40).raw(new byte[16]).toByteArray(),
                        "bad.gguf @ 0x18: metadata key length 2^40 exceeds the 16 bytes left in the file"),
                Arguments.of("unknown value type", keyWithType(13),
                        "bad.gguf @ 0x21: unknown metadata value type of k id 13"),
                Arguments.of("array past EOF", arrayOfCount(GgufValueType.UINT8, 1L << 60, 0),
                        "bad.gguf @ 0x29: element count of k 2^60 exceeds what the 0 bytes left in the file can hold"),
                Arguments.of("duplicate key", GgufBytes.header(3, 0, 2).entry("k", GgufValue.uint8(1))
                                .entry("k", GgufValue.uint8(2)).toByteArray(),
                        "bad.gguf @ 0x26: duplicate metadata key k"));
    }

    static Stream<Arguments> malformedTensorTables() {
        return Stream.of(
                Arguments.of("tensor past EOF", tensor(GgmlType.F32.id(), 0, 16, 1024),
                        "bad.gguf @ 0x18: tensor t (4096 bytes at data offset 0) runs past the end of the file"
                                + " (80 bytes, data from 64)"),
                Arguments.of("element count overflow", tensor(GgmlType.F32.id(), 0, 0, 1L << 32, 1L << 32),
                        "bad.gguf @ 0x18: tensor t: element count overflows (shape [4294967296, 4294967296])"),
                Arguments.of("byte size overflow", tensor(GgmlType.F32.id(), 0, 0, 1L << 62),
                        "bad.gguf @ 0x18: tensor t: byte size overflows (shape [4611686018427387904], type F32)"),
                Arguments.of("dimension 2^63", tensor(GgmlType.F32.id(), 0, 0, 1L << 63),
                        "bad.gguf @ 0x18: tensor t dimension 0 = 2^63 is too large"),
                Arguments.of("unknown tensor type", tensor(4, 0, 0, 32),
                        "bad.gguf @ 0x2D: tensor t has unknown ggml type id 4"),
                Arguments.of("partial block", tensor(GgmlType.Q8_0.id(), 0, 64, 33),
                        "bad.gguf @ 0x18: tensor t: row length 33 is not a multiple of the Q8_0 block size 32"),
                Arguments.of("misaligned tensor", tensor(GgmlType.F32.id(), 4, 64, 1),
                        "bad.gguf @ 0x18: tensor t data offset 4 is not a multiple of the alignment 32"),
                Arguments.of("five dimensions", tensor(GgmlType.F32.id(), 0, 64, 1, 1, 1, 1, 1),
                        "bad.gguf @ 0x18: tensor t has 5 dimensions, at most 4 are supported"),
                Arguments.of("overlapping tensors", GgufBytes.header(3, 2, 0)
                                .tensorInfo("a", GgmlType.F32.id(), 0, 16).tensorInfo("b", GgmlType.F32.id(), 32, 16)
                                .pad(32).raw(new byte[96]).toByteArray(),
                        "bad.gguf @ 0x39: tensor b (data offset 32) overlaps tensor a (64 bytes at data offset 0)"),
                Arguments.of("alignment not a power of two", GgufBytes.header(3, 0, 1)
                                .entry("general.alignment", GgufValue.uint32(48)).toByteArray(),
                        "bad.gguf @ 0x18: general.alignment must be a power of two up to 2^30, got 48"));
    }

    private static byte[] keyWithType(long typeId) {
        GgufBytes bytes = GgufBytes.header(3, 0, 1);
        bytes.out.string("k");
        return bytes.u32(typeId).toByteArray();
    }

    private static byte[] arrayOfCount(GgufValueType elementType, long count, int elementBytes) {
        GgufBytes bytes = GgufBytes.header(3, 0, 1);
        bytes.out.string("k");
        return bytes.u32(GgufValueType.ARRAY.id()).u32(elementType.id()).u64(count).raw(new byte[elementBytes])
                .toByteArray();
    }

    private static byte[] tensor(long typeId, long offset, int dataBytes, long... shape) {
        return GgufBytes.header(3, 1, 0).tensorInfo("t", typeId, offset, shape).pad(32)
                .raw(new byte[dataBytes]).toByteArray();
    }

    private static byte[] truncate(byte[] bytes, int length) {
        return java.util.Arrays.copyOf(bytes, length);
    }

    static byte[] floats(float... values) {
        byte[] bytes = new byte[values.length * 4];
        MemorySegment segment = MemorySegment.ofArray(bytes);
        for (int i = 0; i < values.length; i++) {
            segment.set(F32, 4L * i, values[i]);
        }
        return bytes;
    }
}
