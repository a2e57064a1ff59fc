package io.lariat.engine.kernels;

import static io.lariat.engine.kernels.PackedLanes.F;
import static io.lariat.engine.kernels.PackedLanes.I;
import static io.lariat.engine.kernels.PackedLanes.LANES;
import static io.lariat.engine.kernels.PackedLanes.PAIRS;
import static io.lariat.engine.kernels.PackedLanes.PARTS;
import static io.lariat.engine.kernels.PackedLanes.PART_BYTES;
import static io.lariat.engine.kernels.PackedLanes.S;
import static io.lariat.engine.kernels.QuantizedActivations.BLOCK;
import static io.lariat.engine.kernels.QuantizedActivations.GROUP;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q6_K rows repacked for 8-bit activations: every weight {@code d * sc * q} with {@code q} (-32..31) one signed byte,
 * an 8-bit scale {@code sc} per 16 elements and an f16 {@code d} per 256. A row is a sequence of groups of 32 blocks
 * of 32 elements (the last padded with empty blocks). A group holds:
 * <ul>
 *   <li>16 x 64 bytes of weights: load {@code k} holds, in the 16-bit lane of block {@code b}, element {@code 2k}
 *       plus 128 in its low byte (unsigned) and element {@code 2k + 1} in its high byte (signed), as in
 *       {@link PackedQ8Rows}, so that both kernels use the same activation terms;</li>
 *   <li>64 bytes of scales: int {@code j} holds the two scales of block {@code 2j} (first 16 elements, then the
 *       next), then those of block {@code 2j + 1};</li>
 *   <li>64 bytes: int {@code j} holds, in its low half, the f16 {@code d} of the super-block of blocks {@code 2j}
 *       and {@code 2j + 1}.</li>
 * </ul>
 * 36 bytes per 32 weights (the file takes 26.25): one byte per weight buys extraction by one shift per two weights.
 * Immutable and thread-safe.
 */
final class PackedQ6Rows implements PackedRows {
    private static final ValueLayout.OfShort SHORT_LE =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final int WEIGHT_BYTES = 1024;
    private static final int GROUP_BYTES = WEIGHT_BYTES + 128;
    private static final int HALF_MAGNITUDE = 0x0FFFE000;
    private static final float HALF_EXPONENT_FIX = 0x1p112f;
    private static final int SUPER_BYTES = 210;
    /** Added to the low weight of a pair so that its byte is unsigned (and the high byte the high weight). */
    private static final int LOW_BIAS = 128;

    private final MemorySegment data;
    private final int cols;
    private final int groups;

    PackedQ6Rows(MemorySegment data, int cols) {
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
        return dot(data, (long) row * groups * GROUP_BYTES, x.values, x.pairs, x.scales, groups);
    }

    /**
     * Rows {@code start + i} and {@code start + half + i} together, the activation terms loaded once for both; a
     * last odd row goes alone. Two rows, not four: with 16 vector registers (AVX2) four rows' accumulators spill.
     */
    @Override
    public void dotRows(int start, int end, QuantizedActivations x, float[] out, int outOffset) {
        int half = (end - start) / 2;
        long rowBytes = (long) groups * GROUP_BYTES;
        for (int i = 0; i < half; i++) {
            dotTwo(data, (start + i) * rowBytes, half * rowBytes, x.values, x.pairs, x.scales, groups, out,
                    outOffset + i, half);
        }
        if ((end - start) % 2 != 0) {
            out[outOffset + end - 1 - start] = dot(end - 1, x);
        }
    }

    @Override
    public int touchInterleaved(int row, int group) {
        return Vectors.touchLines(data, ((long) row * groups + group) * GROUP_BYTES, GROUP_BYTES);
    }

    /*
     * Kept in one method so that no vector crosses a call. Each 16-bit lane holds a pair of weights v = 256 * hi +
     * (lo + 128); with {@link QuantizedActivations#pairs}' terms Y = o - 256 * e and Z = 32768 - 128 * e, the products
     * v * e + hi * Y + Z = lo * e + hi * o + 32768 modulo 2^16 (see PackedQ8Rows.dot). With 6-bit weights a pair's
     * sum is at most 2 * 32 * 127 = 8,128 in magnitude, so four of them add up in the 16-bit lane itself: the four
     * offsets of 32768 cancel modulo 2^16 and the sum, at most 32,512, is exact as a signed short. Every fourth load
     * (a quarter of a block's 16-element half, which has one 8-bit scale) the lanes split by shifts into the even
     * and odd blocks' int lanes, times their scales. One loop of 16 loads per part with that step inside it, not a
     * loop of quarters around a loop of 4: C2 set up each short inner loop's range checks anew (about 60 scalar
     * instructions per entry), which cost a third of the time (the two-row kernel below against the previous
     * four-row one with half-block loops, L3-resident rows, thread CPU time, interleaved: 17.5 against 11.9;
     * streaming 10.7 against 7.9 G multiply-adds per second).
     */
    private static float dot(MemorySegment w, long at, short[] xq, short[] pairs, float[] xs, int groups) {
        FloatVector acc = FloatVector.zero(F);
        for (int g = 0; g < groups; g++, at += GROUP_BYTES) {
            for (int p = 0; p < PARTS; p++) {
                long pat = at + (long) p * PART_BYTES;
                int xb = g * GROUP * BLOCK + p * LANES;
                ShortVector quarter = ShortVector.zero(S);
                IntVector even = IntVector.zero(I);
                IntVector odd = IntVector.zero(I);
                for (int k = 0; k < 16; k++) {
                    int xa = xb + 2 * GROUP * k;
                    ShortVector a = ShortVector.fromMemorySegment(S, w, pat + 64L * k, LE);
                    quarter = quarter.add(a.mul(ShortVector.fromArray(S, xq, xa))
                            .add(a.lanewise(VectorOperators.ASHR, 8).mul(ShortVector.fromArray(S, pairs, xa)))
                            .add(ShortVector.fromArray(S, pairs, xa + GROUP)));
                    if ((k & 3) == 3) {
                        IntVector scales = IntVector.fromMemorySegment(I, w, pat + WEIGHT_BYTES, LE)
                                .lanewise(VectorOperators.ASHR, 8 * (k >> 3));
                        IntVector sums = quarter.reinterpretAsInts();
                        even = even.add(sums.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                                .mul(scales.lanewise(VectorOperators.LSHL, 24).lanewise(VectorOperators.ASHR, 24)));
                        odd = odd.add(sums.lanewise(VectorOperators.ASHR, 16)
                                .mul(scales.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 24)));
                        quarter = ShortVector.zero(S);
                    }
                }
                IntVector halves = IntVector.fromMemorySegment(I, w, pat + WEIGHT_BYTES + 64, LE);
                FloatVector d = halves.lanewise(VectorOperators.LSHL, 13).and(HALF_MAGNITUDE)
                        .reinterpretAsFloats().mul(HALF_EXPONENT_FIX).reinterpretAsInts()
                        .or(halves.lanewise(VectorOperators.LSHL, 16).and(0x80000000)).reinterpretAsFloats();
                int so = g * GROUP + p * PAIRS;
                FloatVector blocks = ((FloatVector) even.convert(VectorOperators.I2F, 0))
                        .mul(FloatVector.fromArray(F, xs, so))
                        .add(((FloatVector) odd.convert(VectorOperators.I2F, 0))
                                .mul(FloatVector.fromArray(F, xs, so + GROUP / 2)));
                acc = blocks.fma(d, acc);
            }
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /*
     * dot for the rows at {@code at} and {@code at + apart} into out[o] and out[o + stride], each load of the
     * activation terms serving both (2,048-column rows, thread CPU time, interleaved: L3-resident 17.5 against 15.8
     * for four rows at a time, streaming 10.7 and 10.6).
     */
    private static void dotTwo(MemorySegment w, long at, long apart, short[] xq, short[] pairs, float[] xs,
                               int groups, float[] out, int o, int stride) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        for (int g = 0; g < groups; g++, at += GROUP_BYTES) {
            for (int p = 0; p < PARTS; p++) {
                long pat = at + (long) p * PART_BYTES;
                int xb = g * GROUP * BLOCK + p * LANES;
                ShortVector quarter0 = ShortVector.zero(S);
                ShortVector quarter1 = ShortVector.zero(S);
                IntVector even0 = IntVector.zero(I);
                IntVector odd0 = IntVector.zero(I);
                IntVector even1 = IntVector.zero(I);
                IntVector odd1 = IntVector.zero(I);
                for (int k = 0; k < 16; k++) {
                    int xa = xb + 2 * GROUP * k;
                    ShortVector e = ShortVector.fromArray(S, xq, xa);
                    ShortVector y = ShortVector.fromArray(S, pairs, xa);
                    ShortVector z = ShortVector.fromArray(S, pairs, xa + GROUP);
                    ShortVector a = ShortVector.fromMemorySegment(S, w, pat + 64L * k, LE);
                    ShortVector b = ShortVector.fromMemorySegment(S, w, pat + apart + 64L * k, LE);
                    quarter0 = quarter0.add(a.mul(e).add(a.lanewise(VectorOperators.ASHR, 8).mul(y)).add(z));
                    quarter1 = quarter1.add(b.mul(e).add(b.lanewise(VectorOperators.ASHR, 8).mul(y)).add(z));
                    if ((k & 3) == 3) {
                        int shift = 8 * (k >> 3);
                        IntVector scales0 = IntVector.fromMemorySegment(I, w, pat + WEIGHT_BYTES, LE)
                                .lanewise(VectorOperators.ASHR, shift);
                        IntVector scales1 = IntVector.fromMemorySegment(I, w, pat + apart + WEIGHT_BYTES, LE)
                                .lanewise(VectorOperators.ASHR, shift);
                        IntVector sums0 = quarter0.reinterpretAsInts();
                        IntVector sums1 = quarter1.reinterpretAsInts();
                        even0 = even0.add(sums0.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                                .mul(scales0.lanewise(VectorOperators.LSHL, 24).lanewise(VectorOperators.ASHR, 24)));
                        odd0 = odd0.add(sums0.lanewise(VectorOperators.ASHR, 16)
                                .mul(scales0.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 24)));
                        even1 = even1.add(sums1.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                                .mul(scales1.lanewise(VectorOperators.LSHL, 24).lanewise(VectorOperators.ASHR, 24)));
                        odd1 = odd1.add(sums1.lanewise(VectorOperators.ASHR, 16)
                                .mul(scales1.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 24)));
                        quarter0 = ShortVector.zero(S);
                        quarter1 = ShortVector.zero(S);
                    }
                }
                int so = g * GROUP + p * PAIRS;
                FloatVector xe = FloatVector.fromArray(F, xs, so);
                FloatVector xo = FloatVector.fromArray(F, xs, so + GROUP / 2);
                IntVector halves0 = IntVector.fromMemorySegment(I, w, pat + WEIGHT_BYTES + 64, LE);
                FloatVector d0 = halves0.lanewise(VectorOperators.LSHL, 13).and(HALF_MAGNITUDE)
                        .reinterpretAsFloats().mul(HALF_EXPONENT_FIX).reinterpretAsInts()
                        .or(halves0.lanewise(VectorOperators.LSHL, 16).and(0x80000000)).reinterpretAsFloats();
                acc0 = ((FloatVector) even0.convert(VectorOperators.I2F, 0)).mul(xe)
                        .add(((FloatVector) odd0.convert(VectorOperators.I2F, 0)).mul(xo)).fma(d0, acc0);
                IntVector halves1 = IntVector.fromMemorySegment(I, w, pat + apart + WEIGHT_BYTES + 64, LE);
                FloatVector d1 = halves1.lanewise(VectorOperators.LSHL, 13).and(HALF_MAGNITUDE)
                        .reinterpretAsFloats().mul(HALF_EXPONENT_FIX).reinterpretAsInts()
                        .or(halves1.lanewise(VectorOperators.LSHL, 16).and(0x80000000)).reinterpretAsFloats();
                acc1 = ((FloatVector) even1.convert(VectorOperators.I2F, 0)).mul(xe)
                        .add(((FloatVector) odd1.convert(VectorOperators.I2F, 0)).mul(xo)).fma(d1, acc1);
            }
        }
        out[o] = acc0.reduceLanes(VectorOperators.ADD);
        out[o + stride] = acc1.reduceLanes(VectorOperators.ADD);
    }

    @Override
    public void dequantize(int row, float[] dst, int dstOffset) {
        long rowAt = (long) row * groups * GROUP_BYTES;
        for (int block = 0; block < cols / BLOCK; block++) {
            long at = rowAt + (long) (block / GROUP) * GROUP_BYTES;
            int b = block % GROUP;
            int scales = data.get(INT_LE, at + WEIGHT_BYTES + 4L * (b >> 1)) >> (16 * (b & 1));
            float d = Float.float16ToFloat((short) data.get(INT_LE, at + WEIGHT_BYTES + 64 + 4L * (b >> 1)));
            for (int e = 0; e < BLOCK; e++) {
                int lane = data.get(SHORT_LE, at + 64L * (e / 2) + 2L * b);
                int q = (e & 1) == 0 ? (lane & 0xFF) - LOW_BIAS : lane >> 8;
                dst[dstOffset + block * BLOCK + e] = d * (byte) (scales >> (8 * (e / 16))) * q;
            }
        }
    }

    /*
     * One method per row, so that no vector crosses a call. Per group and half block (16 elements, one 8-bit scale
     * each): the scales times d widen once to even and odd float vectors; each 64-byte load holds two elements of
     * every block, sign-extended from its bytes and split into the even and odd blocks' int lanes (the packed order).
     */
    @Override
    public void dequantizeInterleaved(int row, int group, float[] dst, int dstOffset) {
        long groupAt = ((long) row * groups + group) * GROUP_BYTES;
        for (int p = 0; p < PARTS; p++) {
            long at = groupAt + (long) p * PART_BYTES;
            IntVector scales = IntVector.fromMemorySegment(I, data, at + WEIGHT_BYTES, LE);
            IntVector halves = IntVector.fromMemorySegment(I, data, at + WEIGHT_BYTES + 64, LE);
            FloatVector d = halves.lanewise(VectorOperators.LSHL, 13).and(HALF_MAGNITUDE)
                    .reinterpretAsFloats().mul(HALF_EXPONENT_FIX).reinterpretAsInts()
                    .or(halves.lanewise(VectorOperators.LSHL, 16).and(0x80000000)).reinterpretAsFloats();
            int o = dstOffset + p * PAIRS;
            for (int half = 0; half < 2; half++) {
                FloatVector evenScale = ((FloatVector) scales.lanewise(VectorOperators.LSHL, 24 - 8 * half)
                        .lanewise(VectorOperators.ASHR, 24).convert(VectorOperators.I2F, 0)).mul(d);
                FloatVector oddScale = ((FloatVector) scales.lanewise(VectorOperators.LSHL, 8 - 8 * half)
                        .lanewise(VectorOperators.ASHR, 24).convert(VectorOperators.I2F, 0)).mul(d);
                for (int k = 8 * half; k < 8 * half + 8; k++) {
                    ShortVector packed = ShortVector.fromMemorySegment(S, data, at + 64L * k, LE);
                    IntVector low = packed.and((short) 0xFF).sub((short) LOW_BIAS).reinterpretAsInts();
                    IntVector high = packed.lanewise(VectorOperators.ASHR, 8).reinterpretAsInts();
                    int e = o + 2 * k * GROUP;
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
        }
    }

    /** Repacks {@code rows} ggml Q6_K rows from {@code src} into {@code dst}. */
    static void repack(MemorySegment src, int rows, int cols, MemorySegment dst) {
        int groups = QuantizedActivations.groups(cols);
        long srcRow = (long) cols / 256 * SUPER_BYTES;
        int[] q = new int[256];
        for (int r = 0; r < rows; r++) {
            long rowAt = (long) r * groups * GROUP_BYTES;
            dst.asSlice(rowAt, (long) groups * GROUP_BYTES).fill((byte) 0);
            for (int sb = 0; sb < cols / 256; sb++) {
                long from = r * srcRow + (long) sb * SUPER_BYTES;
                quants(src, from, q);
                for (int c = 0; c < 8; c++) {
                    int block = 8 * sb + c;
                    long at = rowAt + (long) (block / GROUP) * GROUP_BYTES;
                    int b = block % GROUP;
                    for (int k = 0; k < 16; k++) {
                        int lane = (q[32 * c + 2 * k] + LOW_BIAS) | (q[32 * c + 2 * k + 1] & 0xFF) << 8;
                        dst.set(SHORT_LE, at + 64L * k + 2L * b, (short) lane);
                    }
                    long pairAt = 4L * (b >> 1) + 2L * (b & 1);
                    int scales = (src.get(ValueLayout.JAVA_BYTE, from + 192 + 2 * c) & 0xFF)
                            | (src.get(ValueLayout.JAVA_BYTE, from + 192 + 2 * c + 1) & 0xFF) << 8;
                    dst.set(SHORT_LE, at + WEIGHT_BYTES + pairAt, (short) scales);
                    dst.set(SHORT_LE, at + WEIGHT_BYTES + 64 + 4L * (b >> 1), src.get(SHORT_LE, from + 208));
                }
            }
        }
    }

    /** The 256 signed quants (-32..31) of the super-block at {@code at}, in element order (ggml's layout). */
    private static void quants(MemorySegment w, long at, int[] q) {
        for (int half = 0; half < 2; half++) {
            long ql = at + 64L * half;
            long qh = at + 128 + 32L * half;
            for (int l = 0; l < 32; l++) {
                int h = w.get(ValueLayout.JAVA_BYTE, qh + l) & 0xFF;
                int lo = w.get(ValueLayout.JAVA_BYTE, ql + l) & 0xFF;
                int hi = w.get(ValueLayout.JAVA_BYTE, ql + l + 32) & 0xFF;
                int y = 128 * half + l;
                q[y] = ((lo & 0xF) | (h & 3) << 4) - 32;
                q[y + 32] = ((hi & 0xF) | ((h >> 2) & 3) << 4) - 32;
                q[y + 64] = ((lo >> 4) | ((h >> 4) & 3) << 4) - 32;
                q[y + 96] = ((hi >> 4) | ((h >> 6) & 3) << 4) - 32;
            }
        }
    }
}
