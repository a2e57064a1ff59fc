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
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_512;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_512;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
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
     * Pairs row {@code start + i} with row {@code start + half + i}: two sequential streams far apart keep more cache
     * lines in flight than one, and decode reads every weight from memory once.
     */
    @Override
    public void dotRows(int start, int end, QuantizedActivations x, float[] out, int outOffset) {
        int half = (end - start) / 2;
        long rowBytes = (long) groups * GROUP_BYTES;
        for (int i = 0; i < half; i++) {
            int a = start + i;
            int b = a + half;
            dotTwo(data, a * rowBytes, b * rowBytes, x.values, x.pairs, x.scales, groups, out, outOffset + a - start,
                    outOffset + b - start);
        }
        if (((end - start) & 1) != 0) {
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
     * v * e + hi * Y + Z = lo * e + hi * o + 32768 modulo 2^16 (see PackedQ8Rows.dot): one shift per pair. Four
     * loads add 4 * 32768 = 0 modulo 2^16, and the true sum of their 8 products per block (|sum| <= 8 * 32 * 127)
     * fits a signed 16-bit lane, so each 8-element sum is exact; it is split into even and odd int lanes by shifts
     * (no boxing convertShape), and each 16-element sum meets its 8-bit scale in int arithmetic.
     */
    private static float dot(MemorySegment w, long at, short[] xq, short[] pairs, float[] xs, int groups) {
        FloatVector acc = FloatVector.zero(F);
        for (int g = 0; g < groups; g++, at += GROUP_BYTES) {
            IntVector scales = IntVector.fromMemorySegment(I, w, at + WEIGHT_BYTES, LE);
            IntVector evenTotal = IntVector.zero(I);
            IntVector oddTotal = IntVector.zero(I);
            int xb = g * GROUP * BLOCK;
            for (int half = 0; half < 2; half++) {
                ShortVector first = ShortVector.zero(S);
                ShortVector second = ShortVector.zero(S);
                for (int k = 0; k < 4; k++) {
                    int load = 8 * half + k;
                    ShortVector a = ShortVector.fromMemorySegment(S, w, at + 64L * load, LE);
                    ShortVector b = ShortVector.fromMemorySegment(S, w, at + 64L * (load + 4), LE);
                    int xa = xb + 2 * GROUP * load;
                    int xc = xa + 8 * GROUP;
                    first = first.add(a.mul(ShortVector.fromArray(S, xq, xa)))
                            .add(a.lanewise(VectorOperators.ASHR, 8).mul(ShortVector.fromArray(S, pairs, xa)))
                            .add(ShortVector.fromArray(S, pairs, xa + GROUP));
                    second = second.add(b.mul(ShortVector.fromArray(S, xq, xc)))
                            .add(b.lanewise(VectorOperators.ASHR, 8).mul(ShortVector.fromArray(S, pairs, xc)))
                            .add(ShortVector.fromArray(S, pairs, xc + GROUP));
                }
                IntVector f = first.reinterpretAsInts();
                IntVector s = second.reinterpretAsInts();
                IntVector even = f.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                        .add(s.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
                IntVector odd = f.lanewise(VectorOperators.ASHR, 16).add(s.lanewise(VectorOperators.ASHR, 16));
                IntVector evenScale = scales.lanewise(VectorOperators.LSHL, 24 - 8 * half)
                        .lanewise(VectorOperators.ASHR, 24);
                IntVector oddScale = scales.lanewise(VectorOperators.LSHL, 8 - 8 * half)
                        .lanewise(VectorOperators.ASHR, 24);
                evenTotal = evenTotal.add(even.mul(evenScale));
                oddTotal = oddTotal.add(odd.mul(oddScale));
            }
            IntVector halves = IntVector.fromMemorySegment(I, w, at + WEIGHT_BYTES + 64, LE);
            FloatVector d = halves.lanewise(VectorOperators.LSHL, 13).and(HALF_MAGNITUDE)
                    .reinterpretAsFloats().mul(HALF_EXPONENT_FIX).reinterpretAsInts()
                    .or(halves.lanewise(VectorOperators.LSHL, 16).and(0x80000000)).reinterpretAsFloats();
            int so = g * GROUP;
            FloatVector blocks = ((FloatVector) evenTotal.convert(VectorOperators.I2F, 0))
                    .mul(FloatVector.fromArray(F, xs, so))
                    .add(((FloatVector) oddTotal.convert(VectorOperators.I2F, 0))
                            .mul(FloatVector.fromArray(F, xs, so + GROUP / 2)));
            acc = blocks.fma(d, acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /*
     * dot for two rows at once (at and at2): each step loads two 64-byte vectors of each row and the activations
     * once for both; per row and half block the 8-element sums widen and meet their scales as in dot.
     */
    private static void dotTwo(MemorySegment w, long at, long at2, short[] xq, short[] pairs, float[] xs, int groups,
                               float[] out, int outA, int outB) {
        FloatVector acc = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        for (int g = 0; g < groups; g++, at += GROUP_BYTES, at2 += GROUP_BYTES) {
            IntVector evenTotal = IntVector.zero(I);
            IntVector oddTotal = IntVector.zero(I);
            IntVector evenTotal2 = IntVector.zero(I);
            IntVector oddTotal2 = IntVector.zero(I);
            int xb = g * GROUP * BLOCK;
            for (int half = 0; half < 2; half++) {
                ShortVector first = ShortVector.zero(S);
                ShortVector second = ShortVector.zero(S);
                ShortVector first2 = ShortVector.zero(S);
                ShortVector second2 = ShortVector.zero(S);
                for (int k = 0; k < 4; k++) {
                    int load = 8 * half + k;
                    ShortVector a = ShortVector.fromMemorySegment(S, w, at + 64L * load, LE);
                    ShortVector b = ShortVector.fromMemorySegment(S, w, at + 64L * (load + 4), LE);
                    ShortVector a2 = ShortVector.fromMemorySegment(S, w, at2 + 64L * load, LE);
                    ShortVector b2 = ShortVector.fromMemorySegment(S, w, at2 + 64L * (load + 4), LE);
                    int xa = xb + 2 * GROUP * load;
                    int xc = xa + 8 * GROUP;
                    ShortVector ea = ShortVector.fromArray(S, xq, xa);
                    ShortVector ya = ShortVector.fromArray(S, pairs, xa);
                    ShortVector za = ShortVector.fromArray(S, pairs, xa + GROUP);
                    ShortVector ec = ShortVector.fromArray(S, xq, xc);
                    ShortVector yc = ShortVector.fromArray(S, pairs, xc);
                    ShortVector zc = ShortVector.fromArray(S, pairs, xc + GROUP);
                    first = first.add(a.mul(ea)).add(a.lanewise(VectorOperators.ASHR, 8).mul(ya)).add(za);
                    second = second.add(b.mul(ec)).add(b.lanewise(VectorOperators.ASHR, 8).mul(yc)).add(zc);
                    first2 = first2.add(a2.mul(ea)).add(a2.lanewise(VectorOperators.ASHR, 8).mul(ya)).add(za);
                    second2 = second2.add(b2.mul(ec)).add(b2.lanewise(VectorOperators.ASHR, 8).mul(yc)).add(zc);
                }
                for (int r = 0; r < 2; r++) {
                    IntVector f = (r == 0 ? first : first2).reinterpretAsInts();
                    IntVector s = (r == 0 ? second : second2).reinterpretAsInts();
                    IntVector scales = IntVector.fromMemorySegment(I, w, (r == 0 ? at : at2) + WEIGHT_BYTES, LE);
                    IntVector even = f.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                            .add(s.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
                    IntVector odd = f.lanewise(VectorOperators.ASHR, 16).add(s.lanewise(VectorOperators.ASHR, 16));
                    IntVector evenScale = scales.lanewise(VectorOperators.LSHL, 24 - 8 * half)
                            .lanewise(VectorOperators.ASHR, 24);
                    IntVector oddScale = scales.lanewise(VectorOperators.LSHL, 8 - 8 * half)
                            .lanewise(VectorOperators.ASHR, 24);
                    if (r == 0) {
                        evenTotal = evenTotal.add(even.mul(evenScale));
                        oddTotal = oddTotal.add(odd.mul(oddScale));
                    } else {
                        evenTotal2 = evenTotal2.add(even.mul(evenScale));
                        oddTotal2 = oddTotal2.add(odd.mul(oddScale));
                    }
                }
            }
            int so = g * GROUP;
            FloatVector xe = FloatVector.fromArray(F, xs, so);
            FloatVector xo = FloatVector.fromArray(F, xs, so + GROUP / 2);
            for (int r = 0; r < 2; r++) {
                IntVector halves = IntVector.fromMemorySegment(I, w, (r == 0 ? at : at2) + WEIGHT_BYTES + 64, LE);
                FloatVector d = halves.lanewise(VectorOperators.LSHL, 13).and(HALF_MAGNITUDE)
                        .reinterpretAsFloats().mul(HALF_EXPONENT_FIX).reinterpretAsInts()
                        .or(halves.lanewise(VectorOperators.LSHL, 16).and(0x80000000)).reinterpretAsFloats();
                FloatVector blocks = ((FloatVector) (r == 0 ? evenTotal : evenTotal2).convert(VectorOperators.I2F, 0))
                        .mul(xe).add(((FloatVector) (r == 0 ? oddTotal : oddTotal2).convert(VectorOperators.I2F, 0))
                                .mul(xo));
                if (r == 0) {
                    acc = blocks.fma(d, acc);
                } else {
                    acc2 = blocks.fma(d, acc2);
                }
            }
        }
        out[outA] = acc.reduceLanes(VectorOperators.ADD);
        out[outB] = acc2.reduceLanes(VectorOperators.ADD);
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
        long at = ((long) row * groups + group) * GROUP_BYTES;
        IntVector scales = IntVector.fromMemorySegment(I, data, at + WEIGHT_BYTES, LE);
        IntVector halves = IntVector.fromMemorySegment(I, data, at + WEIGHT_BYTES + 64, LE);
        FloatVector d = halves.lanewise(VectorOperators.LSHL, 13).and(HALF_MAGNITUDE)
                .reinterpretAsFloats().mul(HALF_EXPONENT_FIX).reinterpretAsInts()
                .or(halves.lanewise(VectorOperators.LSHL, 16).and(0x80000000)).reinterpretAsFloats();
        int o = dstOffset;
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
