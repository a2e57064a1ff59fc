package io.lariat.engine.kernels;

import static io.lariat.engine.kernels.QuantizedActivations.BLOCK;
import static io.lariat.engine.kernels.QuantizedActivations.GROUP;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q8_0 rows repacked for 8-bit activations: every weight {@code d * q} with {@code q} (-127..127) one signed byte
 * and an f16 {@code d} per block of 32, the file's own values. A row is a sequence of groups of 32 blocks (the last
 * padded with empty blocks). A group holds:
 * <ul>
 *   <li>16 x 64 bytes of weights: load {@code k} holds, in the 16-bit lane of block {@code b}, element {@code 2k}
 *       in its low and element {@code 2k + 1} in its high byte (the two bytes the file stores side by side);</li>
 *   <li>64 bytes of scales: the f16 {@code d} of block {@code b} at byte {@code 2b}, so that int {@code j} holds
 *       those of blocks {@code 2j} (low half) and {@code 2j + 1} (high half).</li>
 * </ul>
 * 34 bytes per 32 weights, as in the file. Immutable and thread-safe.
 */
final class PackedQ8Rows implements PackedRows {
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_512;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_512;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
    private static final ValueLayout.OfShort SHORT_LE =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final int WEIGHT_BYTES = 1024;
    private static final int GROUP_BYTES = WEIGHT_BYTES + 64;
    private static final int FILE_BLOCK_BYTES = 34;
    /** f16 magnitude bits moved to f32 position (bits 13..27). */
    private static final int HALF_MAGNITUDE = 0x0FFFE000;
    private static final float HALF_EXPONENT_FIX = 0x1p112f;

    private final MemorySegment data;
    private final int cols;
    private final int groups;

    PackedQ8Rows(MemorySegment data, int cols) {
        this.data = data;
        this.cols = cols;
        this.groups = QuantizedActivations.groups(cols);
    }

    /** Bytes of {@code rows} packed rows of {@code cols} elements. */
    static long bytes(int rows, int cols) {
        return (long) rows * QuantizedActivations.groups(cols) * GROUP_BYTES;
    }

    @Override
    public MemorySegment data() {
        return data;
    }

    @Override
    public float dot(int row, QuantizedActivations x) {
        return dot(data, (long) row * groups * GROUP_BYTES, x.values, x.scales, groups);
    }

    /*
     * Kept in one method so that no vector crosses a call. Two products of an 8-bit weight and an 8-bit activation
     * sum exactly in 16 bits (2 * 127 * 127 < 2^15), so each load's pair of elements is multiplied and added in the
     * 16-bit lane of its block, then split into the even and odd blocks' int lanes by shifts (no boxing
     * convertShape) and accumulated in 32 bits. Two chains (loads k and k + 8) overlap their adds. Once per group the
     * int sums meet the activation scales and the weight scales in floats.
     */
    private static float dot(MemorySegment w, long at, short[] xq, float[] xs, int groups) {
        FloatVector acc = FloatVector.zero(F);
        for (int g = 0; g < groups; g++, at += GROUP_BYTES) {
            IntVector even0 = IntVector.zero(I);
            IntVector odd0 = IntVector.zero(I);
            IntVector even1 = IntVector.zero(I);
            IntVector odd1 = IntVector.zero(I);
            int xb = g * GROUP * BLOCK;
            for (int k = 0; k < 8; k++) {
                ShortVector a = ShortVector.fromMemorySegment(S, w, at + 64L * k, LE);
                ShortVector b = ShortVector.fromMemorySegment(S, w, at + 64L * (k + 8), LE);
                int xa = xb + 2 * GROUP * k;
                int xc = xa + 16 * GROUP;
                IntVector pa = a.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 8)
                        .mul(ShortVector.fromArray(S, xq, xa))
                        .add(a.lanewise(VectorOperators.ASHR, 8).mul(ShortVector.fromArray(S, xq, xa + GROUP)))
                        .reinterpretAsInts();
                IntVector pb = b.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 8)
                        .mul(ShortVector.fromArray(S, xq, xc))
                        .add(b.lanewise(VectorOperators.ASHR, 8).mul(ShortVector.fromArray(S, xq, xc + GROUP)))
                        .reinterpretAsInts();
                even0 = even0.add(pa.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
                odd0 = odd0.add(pa.lanewise(VectorOperators.ASHR, 16));
                even1 = even1.add(pb.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
                odd1 = odd1.add(pb.lanewise(VectorOperators.ASHR, 16));
            }
            IntVector scales = IntVector.fromMemorySegment(I, w, at + WEIGHT_BYTES, LE);
            FloatVector evenScale = scales.lanewise(VectorOperators.LSHL, 13).and(HALF_MAGNITUDE)
                    .reinterpretAsFloats().mul(HALF_EXPONENT_FIX).reinterpretAsInts()
                    .or(scales.lanewise(VectorOperators.LSHL, 16).and(0x80000000)).reinterpretAsFloats();
            FloatVector oddScale = scales.lanewise(VectorOperators.LSHR, 3).and(HALF_MAGNITUDE)
                    .reinterpretAsFloats().mul(HALF_EXPONENT_FIX).reinterpretAsInts()
                    .or(scales.and(0x80000000)).reinterpretAsFloats();
            int so = g * GROUP;
            acc = ((FloatVector) even0.add(even1).convert(VectorOperators.I2F, 0))
                    .mul(FloatVector.fromArray(F, xs, so)).fma(evenScale, acc);
            acc = ((FloatVector) odd0.add(odd1).convert(VectorOperators.I2F, 0))
                    .mul(FloatVector.fromArray(F, xs, so + GROUP / 2)).fma(oddScale, acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    @Override
    public void dequantize(int row, float[] dst, int dstOffset) {
        long rowAt = (long) row * groups * GROUP_BYTES;
        for (int block = 0; block < cols / BLOCK; block++) {
            long at = rowAt + (long) (block / GROUP) * GROUP_BYTES;
            int b = block % GROUP;
            float d = Float.float16ToFloat(data.get(SHORT_LE, at + WEIGHT_BYTES + 2L * b));
            for (int e = 0; e < BLOCK; e += 2) {
                short lane = data.get(SHORT_LE, at + 64L * (e / 2) + 2L * b);
                dst[dstOffset + block * BLOCK + e] = d * (byte) lane;
                dst[dstOffset + block * BLOCK + e + 1] = d * (lane >> 8);
            }
        }
    }

    /*
     * One method per group, so that no vector crosses a call: each 64-byte load holds two elements of every block,
     * sign-extended from its bytes and split into the even and odd blocks' int lanes (the packed order).
     */
    @Override
    public void dequantizeInterleaved(int row, int group, float[] dst, int dstOffset) {
        long at = ((long) row * groups + group) * GROUP_BYTES;
        IntVector scales = IntVector.fromMemorySegment(I, data, at + WEIGHT_BYTES, LE);
        FloatVector evenScale = scales.lanewise(VectorOperators.LSHL, 13).and(HALF_MAGNITUDE)
                .reinterpretAsFloats().mul(HALF_EXPONENT_FIX).reinterpretAsInts()
                .or(scales.lanewise(VectorOperators.LSHL, 16).and(0x80000000)).reinterpretAsFloats();
        FloatVector oddScale = scales.lanewise(VectorOperators.LSHR, 3).and(HALF_MAGNITUDE)
                .reinterpretAsFloats().mul(HALF_EXPONENT_FIX).reinterpretAsInts()
                .or(scales.and(0x80000000)).reinterpretAsFloats();
        for (int k = 0; k < 16; k++) {
            ShortVector packed = ShortVector.fromMemorySegment(S, data, at + 64L * k, LE);
            IntVector low = packed.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 8)
                    .reinterpretAsInts();
            IntVector high = packed.lanewise(VectorOperators.ASHR, 8).reinterpretAsInts();
            int e = dstOffset + 2 * k * GROUP;
            ((FloatVector) low.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                    .convert(VectorOperators.I2F, 0)).mul(evenScale).intoArray(dst, e);
            ((FloatVector) low.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0))
                    .mul(oddScale).intoArray(dst, e + GROUP / 2);
            ((FloatVector) high.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                    .convert(VectorOperators.I2F, 0)).mul(evenScale).intoArray(dst, e + GROUP);
            ((FloatVector) high.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0))
                    .mul(oddScale).intoArray(dst, e + GROUP + GROUP / 2);
        }
    }

    /**
     * Repacks {@code rows} ggml Q8_0 rows from {@code src} into {@code dst}: each pair of neighbouring weight bytes
     * of the file becomes one 16-bit lane, unchanged.
     */
    static void repack(MemorySegment src, int rows, int cols, MemorySegment dst) {
        int groups = QuantizedActivations.groups(cols);
        int blocks = cols / BLOCK;
        long srcRow = (long) blocks * FILE_BLOCK_BYTES;
        for (int r = 0; r < rows; r++) {
            long rowAt = (long) r * groups * GROUP_BYTES;
            dst.asSlice(rowAt, (long) groups * GROUP_BYTES).fill((byte) 0);
            for (int block = 0; block < blocks; block++) {
                long from = r * srcRow + (long) block * FILE_BLOCK_BYTES;
                long at = rowAt + (long) (block / GROUP) * GROUP_BYTES;
                int b = block % GROUP;
                for (int k = 0; k < 16; k++) {
                    dst.set(SHORT_LE, at + 64L * k + 2L * b, src.get(SHORT_LE, from + 2 + 2L * k));
                }
                dst.set(SHORT_LE, at + WEIGHT_BYTES + 2L * b, src.get(SHORT_LE, from));
            }
        }
    }
}
