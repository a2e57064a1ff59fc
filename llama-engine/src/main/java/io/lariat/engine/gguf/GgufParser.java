package io.lariat.engine.gguf;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.lariat.engine.gguf.GgufFormatException.quantity;

/**
 * Parses the header of a mapped GGUF v2/v3 file (magic, version, counts, metadata, tensor infos) and validates the
 * tensor table against the file size. Spec: ggml/docs/gguf.md. Not thread-safe; one per file.
 */
final class GgufParser {

    /** Alignment of the data section when {@code general.alignment} is absent (spec). */
    static final int DEFAULT_ALIGNMENT = 32;
    static final String ALIGNMENT_KEY = "general.alignment";
    static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian uint32

    /** ggml supports at most four dimensions (GGML_MAX_DIMS). */
    private static final int MAX_DIMENSIONS = 4;
    /** Deeper nesting only occurs in corrupted files and would otherwise cost stack per level. */
    private static final int MAX_ARRAY_DEPTH = 8;
    /** Smallest metadata entry: key length, type id and a one-byte value. */
    private static final long MIN_ENTRY_BYTES = 8 + 4 + 1;
    /** Smallest tensor info: name length, dimension count, type id and offset. */
    private static final long MIN_TENSOR_INFO_BYTES = 8 + 4 + 4 + 8;
    /**
     * Lists are presized to at most this many entries: a count is only bounded by the file size, and presizing to
     * a corrupted count in a multi-gigabyte file could exhaust the heap before the entries prove to be missing.
     */
    private static final int MAX_PRESIZE = 1 << 16;
    /**
     * Limits on counts of items that cost far more heap than file bytes (tensor infos, entries, strings, arrays):
     * far above any real model (the largest vocabularies hold about 10^6 tokens), far below what could exhaust
     * the heap. Number arrays cost exactly their file bytes and are limited only by the Java array size.
     */
    private static final long MAX_TENSORS = 1 << 20;
    private static final long MAX_ENTRIES = 1 << 20;
    private static final long MAX_OBJECT_ELEMENTS = 1 << 24;

    /** What the header says: everything {@link GgufFile} needs besides the mapping. */
    record Header(int version, GgufMetadata metadata, List<GgufTensorInfo> tensors, int alignment,
                  long dataOffset) {
    }

    private final Path file;
    private final GgufCursor cursor;
    private final Map<String, Long> tensorInfoOffsets = new HashMap<>();
    private final Map<String, Long> keyOffsets = new HashMap<>();

    private GgufParser(Path file, MemorySegment segment) {
        this.file = file;
        this.cursor = new GgufCursor(file, segment);
    }

    /** Parses and validates the header of {@code segment}, the whole content of {@code file}. */
    static Header parse(Path file, MemorySegment segment) {
        return new GgufParser(file, segment).header();
    }

    private Header header() {
        int version = magicAndVersion();
        long tensorCount = cursor.count("tensor count", MIN_TENSOR_INFO_BYTES, MAX_TENSORS);
        long entryCount = cursor.count("metadata entry count", MIN_ENTRY_BYTES, MAX_ENTRIES);
        GgufMetadata metadata = metadata(entryCount);
        List<GgufTensorInfo> tensors = new ArrayList<>(presize(tensorCount));
        for (long i = 0; i < tensorCount; i++) {
            tensors.add(tensorInfo(tensors.size()));
        }
        int alignment = alignment(metadata);
        long dataOffset = alignUp(cursor.position(), alignment);
        for (GgufTensorInfo tensor : tensors) {
            checkPlacement(tensor, alignment, dataOffset);
        }
        checkDisjoint(tensors);
        return new Header(version, metadata, List.copyOf(tensors), alignment, dataOffset);
    }

    private int magicAndVersion() {
        if (cursor.size() < 4 || cursor.u32("magic") != Integer.toUnsignedLong(MAGIC)) {
            throw cursor.problem(0, "not a GGUF file (the first four bytes are not \"GGUF\")");
        }
        long version = cursor.u32("version");
        if (version == 2 || version == 3) {
            return (int) version;
        }
        if ((version & 0xFFFF) == 0 && version != 0) {
            throw cursor.problem(4, "big-endian GGUF files are not supported");
        }
        String problem = version == 1 ? "GGUF version 1 is not supported (only versions 2 and 3)"
                : "unsupported GGUF version " + version + " (only versions 2 and 3)";
        throw cursor.problem(4, problem);
    }

    private GgufMetadata metadata(long entryCount) {
        Map<String, GgufValue> values = new LinkedHashMap<>();
        for (long i = 0; i < entryCount; i++) {
            long start = cursor.position();
            String key = cursor.string("metadata key");
            GgufValueType type = valueType("metadata value type of " + key);
            GgufValue value = value(type, key, 0);
            if (values.putIfAbsent(key, value) != null) {
                throw cursor.problem(start, "duplicate metadata key " + key);
            }
            keyOffsets.put(key, start);
        }
        return new GgufMetadata(file, values, keyOffsets);
    }

    private GgufValueType valueType(String what) {
        long start = cursor.position();
        long id = cursor.u32(what);
        GgufValueType type = GgufValueType.byId(id);
        if (type == null) {
            throw cursor.problem(start, "unknown " + what + " id " + id);
        }
        return type;
    }

    private GgufValue value(GgufValueType type, String key, int depth) {
        return switch (type) {
            case STRING -> new GgufValue.StringValue(cursor.string("value of " + key));
            case ARRAY -> array(key, depth + 1);
            case BOOL -> new GgufValue.BoolValue(cursor.u8("value of " + key) != 0);
            case FLOAT32 -> new GgufValue.FloatValue(type, Float.intBitsToFloat((int) cursor.u32("value of " + key)));
            case FLOAT64 -> new GgufValue.FloatValue(type, Double.longBitsToDouble(cursor.u64("value of " + key)));
            default -> new GgufValue.IntegerValue(type, integer(type, key));
        };
    }

    private long integer(GgufValueType type, String key) {
        String what = "value of " + key;
        return switch (type) {
            case UINT8 -> cursor.u8(what);
            case INT8 -> (byte) cursor.u8(what);
            case UINT16 -> cursor.u8(what) | (cursor.u8(what) << 8);
            case INT16 -> (short) (cursor.u8(what) | (cursor.u8(what) << 8));
            case UINT32 -> cursor.u32(what);
            case INT32 -> (int) cursor.u32(what);
            default -> cursor.u64(what);
        };
    }

    private GgufValue.ArrayValue array(String key, int depth) {
        long start = cursor.position();
        if (depth > MAX_ARRAY_DEPTH) {
            throw cursor.problem(start, "arrays in " + key + " nest deeper than " + MAX_ARRAY_DEPTH + " levels");
        }
        GgufValueType elementType = valueType("array element type of " + key);
        long limit = elementType.isFixedSize() ? GgufCursor.MAX_ARRAY_BYTES / elementType.size() : MAX_OBJECT_ELEMENTS;
        int count = (int) cursor.count("element count of " + key, elementType.minimumSize(), limit);
        return switch (elementType) {
            case STRING -> {
                List<String> strings = new ArrayList<>(presize(count));
                String what = "string element of " + key;
                for (int i = 0; i < count; i++) {
                    strings.add(cursor.string(what));
                }
                yield new GgufValue.StringArray(strings);
            }
            case ARRAY -> {
                List<GgufValue.ArrayValue> arrays = new ArrayList<>(presize(count));
                for (int i = 0; i < count; i++) {
                    arrays.add(array(key, depth + 1));
                }
                yield new GgufValue.NestedArray(arrays);
            }
            default -> new GgufValue.NumberArray(elementType,
                    cursor.bytes((long) count * elementType.size(), "elements of " + key));
        };
    }

    private GgufTensorInfo tensorInfo(int index) {
        long start = cursor.position();
        String name = cursor.string("name of tensor " + index);
        long rank = cursor.u32("dimension count of tensor " + name);
        if (rank > MAX_DIMENSIONS) {
            throw cursor.problem(start, "tensor " + name + " has " + rank + " dimensions, at most "
                    + MAX_DIMENSIONS + " are supported");
        }
        long[] shape = new long[(int) rank];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = cursor.u64("dimension " + i + " of tensor " + name);
        }
        GgmlType type = tensorType(name);
        long offset = cursor.u64("data offset of tensor " + name);
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw cursor.problem(start, "tensor " + name + " dimension " + i + " = " + quantity(shape[i])
                        + " is too large");
            }
        }
        String problem = GgufTensorInfo.shapeProblem(type, shape);
        if (problem != null) {
            throw cursor.problem(start, "tensor " + name + ": " + problem);
        }
        if (offset < 0) {
            throw cursor.problem(start, "tensor " + name + " data offset " + quantity(offset) + " is too large");
        }
        if (tensorInfoOffsets.putIfAbsent(name, start) != null) {
            throw cursor.problem(start, "duplicate tensor name " + name);
        }
        return new GgufTensorInfo(name, type, shape, offset);
    }

    private GgmlType tensorType(String name) {
        long start = cursor.position();
        long id = cursor.u32("type of tensor " + name);
        GgmlType type = GgmlType.byId(id);
        if (type == null) {
            throw cursor.problem(start, "tensor " + name + " has unknown ggml type id " + id);
        }
        return type;
    }

    private int alignment(GgufMetadata metadata) {
        if (!metadata.contains(ALIGNMENT_KEY)) {
            return DEFAULT_ALIGNMENT;
        }
        GgufValue value = metadata.get(ALIGNMENT_KEY);
        // Spec: a power of two; anything above 1 GiB could only come from corruption.
        if (value instanceof GgufValue.IntegerValue(var type, long alignment)
                && alignment > 0 && alignment <= (1 << 30) && (alignment & (alignment - 1)) == 0) {
            return (int) alignment;
        }
        String actual = value instanceof GgufValue.IntegerValue(var type, long number)
                ? Long.toUnsignedString(number) : "a " + value.type() + " value";
        throw cursor.problem(keyOffsets.get(ALIGNMENT_KEY),
                ALIGNMENT_KEY + " must be a power of two up to 2^30, got " + actual);
    }

    private void checkPlacement(GgufTensorInfo tensor, int alignment, long dataOffset) {
        long start = tensorInfoOffsets.get(tensor.name());
        if (tensor.offset() % alignment != 0) {
            throw cursor.problem(start, "tensor " + tensor.name() + " data offset " + tensor.offset()
                    + " is not a multiple of the alignment " + alignment);
        }
        long available = cursor.size() - dataOffset;
        long size = tensor.byteSize();
        if (tensor.offset() > available || size > available - tensor.offset()) {
            throw cursor.problem(start, "tensor " + tensor.name() + " (" + size + " bytes at data offset "
                    + tensor.offset() + ") runs past the end of the file (" + cursor.size() + " bytes, data from "
                    + dataOffset + ")");
        }
    }

    // Two tensors sharing bytes would make writing one (or a quantised repack of it) change the other; llama.cpp
    // lays tensors out one after another, so any overlap is corruption.
    private void checkDisjoint(List<GgufTensorInfo> tensors) {
        List<GgufTensorInfo> byOffset = tensors.stream().filter(t -> t.byteSize() > 0)
                .sorted(Comparator.comparingLong(GgufTensorInfo::offset)).toList();
        for (int i = 1; i < byOffset.size(); i++) {
            GgufTensorInfo before = byOffset.get(i - 1);
            GgufTensorInfo after = byOffset.get(i);
            if (before.offset() + before.byteSize() > after.offset()) {
                throw cursor.problem(tensorInfoOffsets.get(after.name()), "tensor " + after.name() + " (data offset "
                        + after.offset() + ") overlaps tensor " + before.name() + " (" + before.byteSize()
                        + " bytes at data offset " + before.offset() + ")");
            }
        }
    }

    private static int presize(long count) {
        return (int) Math.min(count, MAX_PRESIZE);
    }

    static long alignUp(long position, int alignment) {
        return (position + alignment - 1) / alignment * alignment;
    }
}
