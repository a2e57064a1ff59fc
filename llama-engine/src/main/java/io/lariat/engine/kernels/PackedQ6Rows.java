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
    /** The offset 32768 of each 16-bit pair sum, over the 8 pairs of a half block. */
    private static final int HALF_BIAS = 8 * 32768;

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
     * Rows {@code start + i}, {@code + quarter}, {@code + 2 quarter} and {@code + 3 quarter} together, summed as
     * {@link PackedQ8Rows} sums (streaming 2,048-column rows, thread CPU time, interleaved in one process: the
     * previous two-row kernel 9.2, this one 10.3 G multiply-adds per second; in L2 22.3 and 24.6). The last
     * {@code (end - start) % 4} rows go one at a time.
     */
    @Override
    public void dotRows(int start, int end, QuantizedActivations x, float[] out, int outOffset) {
        int quarter = (end - start) / 4;
        long rowBytes = (long) groups * GROUP_BYTES;
        for (int i = 0; i < quarter; i++) {
            dotFour(data, (start + i) * rowBytes, quarter * rowBytes, x.values, x.pairs, x.scales, groups, out,
                    outOffset + i, quarter);
        }
        for (int r = start + 4 * quarter; r < end; r++) {
            out[outOffset + r - start] = dot(r, x);
        }
    }

    @Override
    public int touchInterleaved(int row, int group) {
        return Vectors.touchLines(data, ((long) row * groups + group) * GROUP_BYTES, GROUP_BYTES);
    }

    /*
     * Kept in one method so that no vector crosses a call. Each 16-bit lane holds a pair of weights v = 256 * hi +
     * (lo + 128); with {@link QuantizedActivations#pairs}' terms Y = o - 256 * e and Z = 32768 - 128 * e, the products
     * v * e + hi * Y + Z = lo * e + hi * o + 32768 modulo 2^16 (see PackedQ8Rows.dot): the pair's exact sum in offset
     * binary, for one shift per pair. Per half block (8 loads, 16 elements, one 8-bit scale) A sums the raw ints and
     * B the high halves (a logical shift); A - (B << 16) is then the sum of the low halves, and the 8 offsets of
     * 32768 come off both, which gives the even and odd blocks' sums in int lanes to meet their scales. The two
     * halves are two chains that overlap.
     */
    private static float dot(MemorySegment w, long at, short[] xq, short[] pairs, float[] xs, int groups) {
        FloatVector acc = FloatVector.zero(F);
        for (int g = 0; g < groups; g++, at += GROUP_BYTES) {
            for (int p = 0; p < PARTS; p++) {
                long pat = at + (long) p * PART_BYTES;
                IntVector all0 = IntVector.zero(I);
                IntVector high0 = IntVector.zero(I);
                IntVector all1 = IntVector.zero(I);
                IntVector high1 = IntVector.zero(I);
                int xb = g * GROUP * BLOCK + p * LANES;
                for (int k = 0; k < 8; k++) {
                    ShortVector a = ShortVector.fromMemorySegment(S, w, pat + 64L * k, LE);
                    ShortVector b = ShortVector.fromMemorySegment(S, w, pat + 64L * (k + 8), LE);
                    int xa = xb + 2 * GROUP * k;
                    int xc = xa + 16 * GROUP;
                    IntVector pa = a.mul(ShortVector.fromArray(S, xq, xa))
                            .add(a.lanewise(VectorOperators.ASHR, 8).mul(ShortVector.fromArray(S, pairs, xa)))
                            .add(ShortVector.fromArray(S, pairs, xa + GROUP)).reinterpretAsInts();
                    IntVector pb = b.mul(ShortVector.fromArray(S, xq, xc))
                            .add(b.lanewise(VectorOperators.ASHR, 8).mul(ShortVector.fromArray(S, pairs, xc)))
                            .add(ShortVector.fromArray(S, pairs, xc + GROUP)).reinterpretAsInts();
                    all0 = all0.add(pa);
                    high0 = high0.add(pa.lanewise(VectorOperators.LSHR, 16));
                    all1 = all1.add(pb);
                    high1 = high1.add(pb.lanewise(VectorOperators.LSHR, 16));
                }
                IntVector scales = IntVector.fromMemorySegment(I, w, pat + WEIGHT_BYTES, LE);
                IntVector even = all0.sub(high0.lanewise(VectorOperators.LSHL, 16)).sub(HALF_BIAS)
                        .mul(scales.lanewise(VectorOperators.LSHL, 24).lanewise(VectorOperators.ASHR, 24))
                        .add(all1.sub(high1.lanewise(VectorOperators.LSHL, 16)).sub(HALF_BIAS)
                                .mul(scales.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 24)));
                IntVector odd = high0.sub(HALF_BIAS)
                        .mul(scales.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 24))
                        .add(high1.sub(HALF_BIAS).mul(scales.lanewise(VectorOperators.ASHR, 24)));
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
     * dot for four rows at once (at + j * apart, j = 0..3) into out[o + j * stride], one 64-byte load of each per
     * step and the activation terms loaded once for all four. Per load the pair sums come out in offset binary as in
     * dot; per half block (8 loads, 16 elements, one scale) they add up as in PackedQ8Rows.dot: A sums the raw ints
     * and B the high halves (a logical shift), A - (B << 16) is the sum of the low halves, and the 8 offsets of
     * 32768 come off both. No 16-bit accumulator, so no widening per 8 elements: fewer operations per weight than
     * dot's, and the four streams keep more cache lines in flight. The per-row tails are loops over r that C2
     * unrolls, which keeps the method small enough for C1.
     */
    private static void dotFour(MemorySegment w, long at, long apart, short[] xq, short[] pairs, float[] xs,
                                int groups, float[] out, int o, int stride) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        FloatVector acc3 = FloatVector.zero(F);
        for (int g = 0; g < groups; g++, at += GROUP_BYTES) {
            for (int p = 0; p < PARTS; p++) {
                long pat = at + (long) p * PART_BYTES;
                IntVector even0 = IntVector.zero(I);
                IntVector odd0 = IntVector.zero(I);
                IntVector even1 = IntVector.zero(I);
                IntVector odd1 = IntVector.zero(I);
                IntVector even2 = IntVector.zero(I);
                IntVector odd2 = IntVector.zero(I);
                IntVector even3 = IntVector.zero(I);
                IntVector odd3 = IntVector.zero(I);
                int xb = g * GROUP * BLOCK + p * LANES;
                for (int half = 0; half < 2; half++) {
                    IntVector all0 = IntVector.zero(I);
                    IntVector high0 = IntVector.zero(I);
                    IntVector all1 = IntVector.zero(I);
                    IntVector high1 = IntVector.zero(I);
                    IntVector all2 = IntVector.zero(I);
                    IntVector high2 = IntVector.zero(I);
                    IntVector all3 = IntVector.zero(I);
                    IntVector high3 = IntVector.zero(I);
                    for (int k = 8 * half; k < 8 * half + 8; k++) {
                        int xa = xb + 2 * GROUP * k;
                        ShortVector e = ShortVector.fromArray(S, xq, xa);
                        ShortVector y = ShortVector.fromArray(S, pairs, xa);
                        ShortVector z = ShortVector.fromArray(S, pairs, xa + GROUP);
                        ShortVector a = ShortVector.fromMemorySegment(S, w, pat + 64L * k, LE);
                        ShortVector b = ShortVector.fromMemorySegment(S, w, pat + apart + 64L * k, LE);
                        ShortVector c = ShortVector.fromMemorySegment(S, w, pat + 2 * apart + 64L * k, LE);
                        ShortVector d = ShortVector.fromMemorySegment(S, w, pat + 3 * apart + 64L * k, LE);
                        IntVector pa = a.mul(e).add(a.lanewise(VectorOperators.ASHR, 8).mul(y)).add(z)
                                .reinterpretAsInts();
                        IntVector pb = b.mul(e).add(b.lanewise(VectorOperators.ASHR, 8).mul(y)).add(z)
                                .reinterpretAsInts();
                        IntVector pc = c.mul(e).add(c.lanewise(VectorOperators.ASHR, 8).mul(y)).add(z)
                                .reinterpretAsInts();
                        IntVector pd = d.mul(e).add(d.lanewise(VectorOperators.ASHR, 8).mul(y)).add(z)
                                .reinterpretAsInts();
                        all0 = all0.add(pa);
                        high0 = high0.add(pa.lanewise(VectorOperators.LSHR, 16));
                        all1 = all1.add(pb);
                        high1 = high1.add(pb.lanewise(VectorOperators.LSHR, 16));
                        all2 = all2.add(pc);
                        high2 = high2.add(pc.lanewise(VectorOperators.LSHR, 16));
                        all3 = all3.add(pd);
                        high3 = high3.add(pd.lanewise(VectorOperators.LSHR, 16));
                    }
                    for (int r = 0; r < 4; r++) {
                        IntVector all = r == 0 ? all0 : r == 1 ? all1 : r == 2 ? all2 : all3;
                        IntVector high = r == 0 ? high0 : r == 1 ? high1 : r == 2 ? high2 : high3;
                        IntVector scales = IntVector.fromMemorySegment(I, w, pat + r * apart + WEIGHT_BYTES, LE);
                        IntVector even = all.sub(high.lanewise(VectorOperators.LSHL, 16)).sub(HALF_BIAS)
                                .mul(scales.lanewise(VectorOperators.LSHL, 24 - 8 * half)
                                        .lanewise(VectorOperators.ASHR, 24));
                        IntVector odd = high.sub(HALF_BIAS).mul(scales.lanewise(VectorOperators.LSHL, 8 - 8 * half)
                                .lanewise(VectorOperators.ASHR, 24));
                        if (r == 0) {
                            even0 = even0.add(even);
                            odd0 = odd0.add(odd);
                        } else if (r == 1) {
                            even1 = even1.add(even);
                            odd1 = odd1.add(odd);
                        } else if (r == 2) {
                            even2 = even2.add(even);
                            odd2 = odd2.add(odd);
                        } else {
                            even3 = even3.add(even);
                            odd3 = odd3.add(odd);
                        }
                    }
                }
                int so = g * GROUP + p * PAIRS;
                FloatVector xe = FloatVector.fromArray(F, xs, so);
                FloatVector xo = FloatVector.fromArray(F, xs, so + GROUP / 2);
                for (int r = 0; r < 4; r++) {
                    IntVector halves = IntVector.fromMemorySegment(I, w, pat + r * apart + WEIGHT_BYTES + 64, LE);
                    FloatVector d = halves.lanewise(VectorOperators.LSHL, 13).and(HALF_MAGNITUDE)
                            .reinterpretAsFloats().mul(HALF_EXPONENT_FIX).reinterpretAsInts()
                            .or(halves.lanewise(VectorOperators.LSHL, 16).and(0x80000000)).reinterpretAsFloats();
                    IntVector even = r == 0 ? even0 : r == 1 ? even1 : r == 2 ? even2 : even3;
                    IntVector odd = r == 0 ? odd0 : r == 1 ? odd1 : r == 2 ? odd2 : odd3;
                    FloatVector blocks = ((FloatVector) even.convert(VectorOperators.I2F, 0)).mul(xe)
                            .add(((FloatVector) odd.convert(VectorOperators.I2F, 0)).mul(xo));
                    if (r == 0) {
                        acc0 = blocks.fma(d, acc0);
                    } else if (r == 1) {
                        acc1 = blocks.fma(d, acc1);
                    } else if (r == 2) {
                        acc2 = blocks.fma(d, acc2);
                    } else {
                        acc3 = blocks.fma(d, acc3);
                    }
                }
            }
        }
        out[o] = acc0.reduceLanes(VectorOperators.ADD);
        out[o + stride] = acc1.reduceLanes(VectorOperators.ADD);
        out[o + 2 * stride] = acc2.reduceLanes(VectorOperators.ADD);
        out[o + 3 * stride] = acc3.reduceLanes(VectorOperators.ADD);
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
