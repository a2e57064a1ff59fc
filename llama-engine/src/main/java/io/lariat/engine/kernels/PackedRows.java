package io.lariat.engine.kernels;

import io.lariat.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;

/**
 * A weight matrix's rows repacked once at load for the fast path: dot products with activations quantized to 8 bits
 * per block ({@link QuantizedActivations}), in the layouts of {@link PackedQ4Rows}, {@link PackedQ6Rows} and
 * {@link PackedQ8Rows}. Selected with {@code lariat.engine.precision=fast}; the exact path reads the file's own layout with float activations.
 * Immutable and thread-safe.
 */
public sealed interface PackedRows permits PackedQ4Rows, PackedQ6Rows, PackedQ8Rows {

    /**
     * Whether rows of {@code type} have a packed layout on this machine: Q4_0, Q4_K, Q6_K and Q8_0 (the types of
     * Q4_0, Q4_K_M and Q8_0 files), with vectors of at least 256 bits ({@link PackedLanes}: AVX2 or AVX-512). With
     * {@link #packs}, this is the one place that selects the fast path's kernels.
     */
    static boolean supports(GgmlType type) {
        return (type == GgmlType.Q4_0 || type == GgmlType.Q4_K || type == GgmlType.Q6_K || type == GgmlType.Q8_0)
                && PackedLanes.AVAILABLE;
    }

    /**
     * Whether the fast path packs a matrix of {@code type} with rows of {@code cols} elements: when the type has a
     * packed layout ({@link #supports}) and padding its rows to whole groups of 1,024 columns adds at most 1/8 of
     * {@code cols}. Narrower matrices stay on their exact kernels in fast mode: padded, a 128-wide row would take 8
     * times the bytes and multiply-adds of the file's own row, and a 64-wide one 16 times (real models' widths are
     * multiples of 1,024, so the rule only keeps small and test models exact). This is the one place that decides
     * which matrices the fast path packs.
     */
    static boolean packs(GgmlType type, int cols) {
        long padding = (long) interleavedColumns(cols) - cols;
        return supports(type) && padding * 8 <= cols;
    }

    /** Bytes of {@code rows} packed rows of {@code cols} elements of {@code type}. */
    static long bytes(GgmlType type, int rows, int cols) {
        requireSupported(type);
        return switch (type) {
            case Q6_K -> PackedQ6Rows.bytes(rows, cols);
            case Q8_0 -> PackedQ8Rows.bytes(rows, cols);
            default -> PackedQ4Rows.bytes(type, rows, cols);
        };
    }

    /** Repacks {@code rows} rows of {@code type} from the file's layout in {@code source} into {@code target}. */
    static void repack(GgmlType type, MemorySegment source, int rows, int cols, MemorySegment target) {
        requireSupported(type);
        switch (type) {
            case Q6_K -> PackedQ6Rows.repack(source, rows, cols, target);
            case Q8_0 -> PackedQ8Rows.repack(source, rows, cols, target);
            default -> PackedQ4Rows.repack(type, source, rows, cols, target);
        }
    }

    /** A view of {@code packed}, written by {@link #repack} for the same type and shape. */
    static PackedRows of(GgmlType type, MemorySegment packed, int rows, int cols) {
        requireSupported(type);
        if (packed.byteSize() < bytes(type, rows, cols)) {
            throw new IllegalArgumentException("packed " + type + " rows need " + bytes(type, rows, cols)
                    + " bytes, got " + packed.byteSize());
        }
        return switch (type) {
            case Q6_K -> new PackedQ6Rows(packed, cols);
            case Q8_0 -> new PackedQ8Rows(packed, cols);
            default -> new PackedQ4Rows(packed, rows, cols, type == GgmlType.Q4_K);
        };
    }

    private static void requireSupported(GgmlType type) {
        if (!supports(type)) {
            throw new IllegalArgumentException("no packed layout for " + type + " on this machine");
        }
    }

    /** The packed bytes. */
    MemorySegment data();

    /** Row {@code row} times the quantized vector {@code x}. */
    float dot(int row, QuantizedActivations x);

    /**
     * Rows {@code [start, end)} times {@code x} into {@code out[outOffset + r - start]}: one decode token's product
     * over a thread's share of the rows. The default calls {@link #dot} per row; a layout whose kernel waits on
     * memory overrides it to read several distant rows at once (more sequential streams keep more cache lines in flight).
     */
    default void dotRows(int start, int end, QuantizedActivations x, float[] out, int outOffset) {
        for (int r = start; r < end; r++) {
            out[outOffset + r - start] = dot(r, x);
        }
    }

    /**
     * Row {@code row} times {@code x[0 .. count)} into {@code out[outOffset + t * outStride]}: the small-batch product
     * of decode (one token of each of a few sequences). The default calls {@link #dot} per token; a layout that can
     * unpack its weights once for several tokens overrides it.
     */
    default void dots(int row, QuantizedActivations[] x, int count, float[] out, int outOffset, int outStride) {
        for (int t = 0; t < count; t++) {
            out[outOffset + t * outStride] = dot(row, x[t]);
        }
    }

    /** Row {@code row} as floats into {@code dst[dstOffset .. dstOffset + cols)}. */
    void dequantize(int row, float[] dst, int dstOffset);

    /**
     * Group {@code group} (columns {@code 1024 * group ..}) of row {@code row} as 1,024 floats in the packed order
     * of {@link #interleavedColumn} at {@code dst[dstOffset ..]}, zero for padding blocks. Unlike {@link #dequantize}, which
     * must transpose the layout, this is a few vector operations per 32 weights; a product with activations put in
     * the same order is the row's dot product. This feeds the float tiles of the fast path's prefill.
     */
    void dequantizeInterleaved(int row, int group, float[] dst, int dstOffset);

    /**
     * Reads one byte of each cache line that {@link #dequantizeInterleaved} of {@code row} and {@code group} will
     * read, and returns their sum: a software prefetch that the float tiles issue one group of rows ahead, so that
     * the rows stream from memory while the tiles compute. The caller must use the result (a load whose value is
     * never used is dropped by the JIT).
     */
    int touchInterleaved(int row, int group);

    /** Values of a row in the packed order: {@code cols} rounded up to whole groups of 32 blocks of 32. */
    static int interleavedColumns(int cols) {
        return QuantizedActivations.groups(cols) * QuantizedActivations.GROUP * QuantizedActivations.BLOCK;
    }

    /**
     * The column at {@code position} of a row of {@code cols} columns in the packed order, or -1 for a padding
     * position: position {@code g * 1024 + e * 32 + s} holds element {@code e} of block {@code b} of group {@code g},
     * where {@code s} is {@code b / 2} for an even block and {@code 16 + b / 2} for an odd one (how a 512-bit vector
     * of 32 blocks' shorts splits into two float vectors). Activations put in this order meet
     * {@link #dequantizeInterleaved}'s weights.
     */
    static int interleavedColumn(int position, int cols) {
        int block = QuantizedActivations.BLOCK;
        int group = QuantizedActivations.GROUP;
        int slot = position % group;
        int b = slot < group / 2 ? 2 * slot : 2 * (slot - group / 2) + 1;
        int e = position / group % block;
        int column = position / (group * block) * group * block + b * block + e;
        return column < cols ? column : -1;
    }
}
